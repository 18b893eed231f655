// The bitmap allocator behind both ClusterIPs and NodePorts (K8S
// pkg/registry/core/service/allocator/bitmap.go with a static band): the first `offset` values
// are kept for explicit requests; a dynamic allocation starts at a random value of the upper
// band and scans forward (wrapping), and only when that band is full does it use the lower one.
import type { Random } from '../random.js';

/** The static band size: min(max(lower, size / step), upper) (calculateRangeOffset). */
export function staticBandSize(size: number, lower: number, step: number, upper: number): number {
  return Math.min(Math.max(lower, Math.floor(size / step)), upper);
}

export class RangeAllocator {
  /** Index -> holder (a Service key). */
  private readonly held = new Map<number, string>();

  constructor(readonly size: number, readonly offset: number) {}

  holderOf(index: number): string | undefined { return this.held.get(index); }

  inRange(index: number): boolean { return Number.isInteger(index) && index >= 0 && index < this.size; }

  /** A free index chosen the way AllocateNext does, or undefined when the range is full. */
  pickFree(random: Random, taken?: (index: number) => boolean): number | undefined {
    const isFree = (i: number) => !this.held.has(i) && !taken?.(i);
    const scan = (from: number, to: number): number | undefined => {
      const span = to - from;
      if (span <= 0) return undefined;
      const start = random.int(span);
      for (let k = 0; k < span; k++) {
        const i = from + ((start + k) % span);
        if (isFree(i)) return i;
      }
      return undefined;
    };
    return scan(this.offset, this.size) ?? scan(0, this.offset);
  }

  hold(index: number, holder: string): void { this.held.set(index, holder); }

  release(index: number, holder: string): void {
    if (this.held.get(index) === holder) this.held.delete(index);
  }

  get used(): number { return this.held.size; }
}
