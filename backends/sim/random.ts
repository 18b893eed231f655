// One seeded generator for every random choice the simulator makes (name suffixes, IPs,
// jitter, uids), so a seed replays the same cluster.

/** The alphabet apimachinery's rand.String uses: no vowels, no 0, 1 or 3. */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

const HEX = '0123456789abcdef';

export class Random {
  private state: number;
  private readonly uuidNibbles = new Uint8Array(32);
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

  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += HEX[this.int(16)];
    return s;
  }

  /** A version-4 UUID; the same draws as 32 hex digits then one of `89ab`, built without arrays (one per object created). */
  uuid(): string {
    const nibbles = this.uuidNibbles;
    for (let i = 0; i < 32; i++) nibbles[i] = this.int(16);
    const variant = '89ab'[this.int(4)];
    let s = '';
    for (let i = 0; i < 32; i++) {
      if (i === 8 || i === 12 || i === 16 || i === 20) s += '-';
      s += i === 12 ? '4' : i === 16 ? variant : HEX[nibbles[i]];
    }
    return s;
  }
}
