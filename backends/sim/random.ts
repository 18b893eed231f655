// One seeded generator for every random choice the simulator makes (name suffixes, IPs,
// jitter, uids), so a seed replays the same cluster.

/** The alphabet apimachinery's rand.String uses: no vowels, no 0, 1 or 3. */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

const HEX = '0123456789abcdef';
/** Character codes of the hex digits: ids are built from codes in one step (see uuid). */
export const HEX_CODES = Array.from(HEX, (c) => c.charCodeAt(0));
const VARIANT_CODES = Array.from('89ab', (c) => c.charCodeAt(0));
const DASH = '-'.charCodeAt(0);
const FOUR = '4'.charCodeAt(0);

export class Random {
  private state: number;
  private readonly uuidNibbles = new Uint8Array(32);
  private readonly uuidCodes: number[] = new Array<number>(36).fill(0);
  constructor(seed = 1) { this.state = (seed >>> 0) || 0x9e3779b9; }

  /** The generator's whole state (snapshots keep it so a restored cluster draws the same numbers). */
  getState(): number { return this.state; }
  setState(state: number): void { this.state = state >>> 0; }

  /** mulberry32: a float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(maxExclusive: number): number { return Math.floor(this.next() * maxExclusive); }

  between(min: number, max: number): number { return min + this.next() * (max - min); }

  pick<T>(items: readonly T[]): T { return items[this.int(items.length)]; }

  /** 5 characters for generateName and pod names. */
  nameSuffix(n = 5): string {
    let s = '';
    for (let i = 0; i < n; i++) s += NAME_ALPHABET[this.int(NAME_ALPHABET.length)];
    return s;
  }

  /** n hex digits, as one flat string (see uuid). */
  hex(n: number): string {
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = HEX_CODES[this.int(16)];
    return String.fromCharCode.apply(null, out);
  }

  /**
   * A version-4 UUID; the same draws as 32 hex digits then one of `89ab`. Built from character
   * codes in one step: appending 36 characters one by one leaves a tree of ~24 cons strings behind
   * every uid the store keeps (~0.8 KB each, most of the heap at 10,000 pods).
   */
  uuid(): string {
    const nibbles = this.uuidNibbles;
    for (let i = 0; i < 32; i++) nibbles[i] = this.int(16);
    const variant = VARIANT_CODES[this.int(4)];
    const out = this.uuidCodes;
    let at = 0;
    for (let i = 0; i < 32; i++) {
      if (i === 8 || i === 12 || i === 16 || i === 20) out[at++] = DASH;
      out[at++] = i === 12 ? FOUR : i === 16 ? variant : HEX_CODES[nibbles[i]];
    }
    return String.fromCharCode.apply(null, out);
  }
}
