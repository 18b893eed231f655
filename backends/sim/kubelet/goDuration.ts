// Go's time.Duration.String() for durations truncated to milliseconds, as the kubelet prints
// them in events (`2.145s`, `523ms`, `1m5.2s`).
export function goDuration(ms: number): string {
  const t = Math.trunc(ms);
  if (t === 0) return '0s';
  if (t < 0) return `-${goDuration(-t)}`;
  if (t < 1000) return `${t}ms`;
  const h = Math.floor(t / 3_600_000);
  const m = Math.floor((t % 3_600_000) / 60_000);
  const rest = t % 60_000;
  const whole = Math.floor(rest / 1000);
  const frac = rest % 1000 ? `.${String(rest % 1000).padStart(3, '0').replace(/0+$/, '')}` : '';
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${whole}${frac}s`;
}
