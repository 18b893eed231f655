// Long lines as rows of a fixed width: cut at the width, or wrapped over several rows.
export function wrapRows(lines: readonly string[], width: number, wrap = true): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  for (const raw of lines) {
    const line = raw.replace(/\t/g, '        ');
    if (!wrap || line.length <= w) { out.push(line); continue; }
    for (let i = 0; i < line.length; i += w) out.push(line.slice(i, i + w));
  }
  return out;
}
