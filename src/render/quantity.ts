// resource.Quantity, as far as describe needs it: parse, add, compare and print in
// canonical form ("500m", "170Mi", "1"). Values are held exactly, in nano-units.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value times 10^9. */
  nano: bigint;
  format: QuantityFormat;
}

const BINARY = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_BY_EXP = new Map(Object.entries(DECIMAL).map(([s, e]) => [e, s]));
const RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

export const ZERO: Quantity = { nano: 0n, format: 'DecimalSI' };

/** Parses a quantity string; undefined when it is not one. */
export function parseQuantity(s: string | number | undefined): Quantity | undefined {
  if (s === undefined) return undefined;
  const m = RE.exec(String(s).trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const [, sign, int, frac = '', exp, suffix = ''] = m;
  let nano = BigInt(`${int}${frac}` || '0');
  let scale = 9 - frac.length; // power of ten still to apply
  let format: QuantityFormat = 'DecimalSI';
  if (exp !== undefined) { scale += Number(exp); format = 'DecimalExponent'; }
  else if (suffix.endsWith('i')) { nano *= 1024n ** BigInt(BINARY.indexOf(suffix)); format = 'BinarySI'; }
  else scale += DECIMAL[suffix];
  if (scale >= 0) nano *= 10n ** BigInt(scale);
  else {
    // Quantities keep nano precision and round up below it.
    const d = 10n ** BigInt(-scale);
    nano = nano / d + (nano % d === 0n ? 0n : 1n);
  }
  return { nano: sign === '-' ? -nano : nano, format };
}

/** a + b in a's format (Quantity.Add). */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { nano: a.nano + b.nano, format: a.format };
}

/** Value rounded up to an integer (Quantity.Value). */
export function quantityValue(q: Quantity): number {
  return Number(ceilDiv(q.nano, 1_000_000_000n));
}

/** Value × 1000 rounded up (Quantity.MilliValue). */
export function quantityMilliValue(q: Quantity): number {
  return Number(ceilDiv(q.nano, 1_000_000n));
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n ? q + 1n : q;
}

/** Quantity.String(): the canonical form. */
export function formatQuantity(q: Quantity): string {
  if (q.nano === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const small = q.nano > -1024n * 1_000_000_000n && q.nano < 1024n * 1_000_000_000n;
    if (small || q.nano % 1_000_000_000n !== 0n) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    let n = q.nano / 1_000_000_000n, k = 0;
    while (n % 1024n === 0n && k < BINARY.length - 1) { n /= 1024n; k++; }
    return `${n}${BINARY[k]}`;
  }
  let mantissa = q.nano, exp = -9;
  while (mantissa % 10n === 0n) { mantissa /= 10n; exp++; }
  const r = ((exp % 3) + 3) % 3;
  mantissa *= 10n ** BigInt(r);
  exp -= r;
  if (format === 'DecimalSI' && DECIMAL_BY_EXP.has(exp)) return `${mantissa}${DECIMAL_BY_EXP.get(exp)}`;
  return exp === 0 ? `${mantissa}` : `${mantissa}e${exp}`;
}

/** A quantity string in canonical form; the input itself when it does not parse. */
export function canonicalQuantity(s: string | number): string {
  const q = parseQuantity(s);
  return q ? formatQuantity(q) : String(s);
}
