// Describes the machine once per benchmark run, so figures are read with their context.
import os from 'node:os';

export function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    machine: {
      cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length,
      memory_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.arch()}`,
    },
  };
}

export function metric(name: string, value: number, unit: string): void {
  console.log(JSON.stringify({ metric: name, value: Math.round(value * 1000) / 1000, unit }));
}

/** The middle value (the upper one of an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
