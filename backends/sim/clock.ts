// Every delay in the simulator reads one clock. Tests drive a VirtualClock (instant and
// deterministic); the dashboard runs a RealClock, optionally sped up.

export interface Timer { readonly id: number }

export interface Clock {
  /** Milliseconds since the epoch, in simulated time. */
  now(): number;
  /** Runs fn after ms of simulated time (0 = as soon as the current task ends). */
  setTimer(ms: number, fn: () => void): Timer;
  clearTimer(t: Timer | undefined): void;
}

interface Pending { id: number; at: number; seq: number; fn: () => void }

/** A binary heap of timers ordered by due time, then by insertion order. */
class TimerHeap {
  private items: Pending[] = [];
  get size(): number { return this.items.length; }
  peek(): Pending | undefined { return this.items[0]; }
  push(p: Pending): void {
    const a = this.items;
    let i = a.length;
    a.push(p);
    // Sift the hole up, moving parents down, and put p where it stops.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(p, a[parent])) break;
      a[i] = a[parent];
      i = parent;
    }
    a[i] = p;
  }
  pop(): Pending | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    const n = a.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        if (l >= n) break;
        const c = r < n && before(a[r], a[l]) ? r : l;
        if (!before(a[c], last)) break;
        a[i] = a[c];
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

/**
 * Timers set with no delay, in the order they were set. They are due at the time they were set,
 * which never decreases, so the queue is sorted by (due time, insertion) like the heap: the next
 * timer is the earlier of the two heads. Most timers are such zero-delay hand-offs (watch
 * deliveries, work queues, status flushes) and skip the heap's log-n work.
 */
class DueQueue {
  private items: Pending[] = [];
  private head = 0;
  get size(): number { return this.items.length - this.head; }
  peek(): Pending | undefined { return this.items[this.head]; }
  push(p: Pending): void { this.items.push(p); }
  pop(): Pending | undefined {
    if (this.head >= this.items.length) return undefined;
    const p = this.items[this.head++];
    if (this.head === this.items.length) { this.items = []; this.head = 0; }
    else if (this.head >= 1024 && this.head * 2 >= this.items.length) { this.items = this.items.slice(this.head); this.head = 0; }
    return p;
  }
}

function before(a: Pending, b: Pending): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

export class VirtualClock implements Clock {
  private current: number;
  private heap = new TimerHeap();
  private due = new DueQueue();
  private cancelled = new Set<number>();
  private seq = 0;

  constructor(start = Date.UTC(2026, 0, 1, 10, 0, 0)) { this.current = start; }

  now(): number { return this.current; }

  setTimer(ms: number, fn: () => void): Timer {
    const id = ++this.seq;
    const p = { id, at: this.current + Math.max(0, ms), seq: id, fn };
    if (ms > 0) this.heap.push(p); else this.due.push(p);
    return { id };
  }

  clearTimer(t: Timer | undefined): void { if (t) this.cancelled.add(t.id); }

  /** Moves time forward by ms, running every timer that falls due, in order. */
  advance(ms: number): void { this.runUntil(this.current + ms); }

  runUntil(target: number): void {
    for (;;) {
      const h = this.heap.peek(), d = this.due.peek();
      const fromDue = d !== undefined && (h === undefined || before(d, h));
      const next = fromDue ? d : h;
      if (!next || next.at > target) break;
      if (fromDue) this.due.pop(); else this.heap.pop();
      if (this.cancelled.delete(next.id)) continue;
      this.current = Math.max(this.current, next.at);
      next.fn();
    }
    this.current = Math.max(this.current, target);
  }

  /** Sets the time (a snapshot being restored may move it back); pending timers keep their due times. */
  setTime(ms: number): void {
    // Moved back, zero-delay timers set from now on would be due before the queued ones: the
    // queue keeps its order only while time moves forward, so its timers join the heap.
    if (ms < this.current) for (let p = this.due.pop(); p; p = this.due.pop()) this.heap.push(p);
    this.current = ms;
  }

  /** Runs only what is due now (zero-delay work), without moving time. */
  flush(): void { this.runUntil(this.current); }

  /** Advances in steps until cond() holds; throws after maxMs of simulated time. */
  advanceUntil(cond: () => boolean, maxMs = 600_000, stepMs = 100): number {
    const start = this.current;
    this.flush();
    while (!cond()) {
      if (this.current - start >= maxMs) throw new Error(`condition not met within ${maxMs} ms of simulated time`);
      this.advance(stepMs);
    }
    return this.current - start;
  }

  get pendingTimers(): number { return this.heap.size + this.due.size - this.cancelled.size; }
}

/** Wall-clock time, sped up by `speed` (2 = simulated time runs twice as fast). */
export class RealClock implements Clock {
  private readonly origin = Date.now();
  private offset = 0;
  private handles = new Map<number, NodeJS.Timeout>();
  private seq = 0;
  constructor(private readonly speed = 1) {}

  now(): number { return this.origin + (Date.now() - this.origin) * this.speed + this.offset; }

  /** Jumps to `ms` (a restored snapshot's time); time then runs on from there. */
  setTime(ms: number): void { this.offset += ms - this.now(); }

  setTimer(ms: number, fn: () => void): Timer {
    const id = ++this.seq;
    const h = setTimeout(() => { this.handles.delete(id); fn(); }, Math.max(0, ms) / this.speed);
    h.unref?.();
    this.handles.set(id, h);
    return { id };
  }

  clearTimer(t: Timer | undefined): void {
    if (!t) return;
    const h = this.handles.get(t.id);
    if (h) { clearTimeout(h); this.handles.delete(t.id); }
  }

  stopAll(): void { for (const h of this.handles.values()) clearTimeout(h); this.handles.clear(); }
}

// Timestamps are written many times a second, and a status mixes a few different seconds (now,
// the pod's start, each container's start): the recent ones are kept, so each is formatted once
// and every object that shows it shares one string.
const recentSeconds = new Map<number, string>();
const RECENT_KEPT = 256;

/** RFC 3339 with seconds precision, as metadata timestamps are written. */
export function rfc3339(ms: number): string {
  const second = Math.floor(ms / 1000);
  let text = recentSeconds.get(second);
  if (text === undefined) {
    if (recentSeconds.size >= RECENT_KEPT) recentSeconds.clear();
    text = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
    recentSeconds.set(second, text);
  }
  return text;
}

let lastMicroMs = NaN;
let lastMicro = '';

/** RFC 3339 with microseconds (MicroTime), as event times are written. */
export function rfc3339Micro(ms: number): string {
  if (ms !== lastMicroMs) {
    lastMicroMs = ms;
    lastMicro = new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
  }
  return lastMicro;
}
