// The simulated clock runs timers by due time, then in the order they were set, whether they
// were set with a delay or with none (zero-delay timers take a faster queue than the heap).
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../backends/sim/clock.js';

describe('VirtualClock', () => {
  it('runs timers by due time, then by the order they were set, zero-delay ones included', () => {
    const clock = new VirtualClock(0);
    const ran: string[] = [];
    const at = (name: string) => () => ran.push(`${name}@${clock.now()}`);
    clock.setTimer(10, at('a10'));
    clock.setTimer(0, at('z0'));
    clock.setTimer(5, () => {
      ran.push(`b5@${clock.now()}`);
      // Set while running at 5: due at 5, after everything else due at 5 that was set before.
      clock.setTimer(0, at('z5'));
      clock.setTimer(5, at('c10'));
    });
    clock.setTimer(5, at('d5'));
    clock.setTimer(0, at('y0'));
    clock.advance(20);
    expect(ran).toEqual(['z0@0', 'y0@0', 'b5@5', 'd5@5', 'z5@5', 'a10@10', 'c10@10']);
  });

  it('skips cancelled timers of either kind and counts the pending ones', () => {
    const clock = new VirtualClock(0);
    const ran: string[] = [];
    const t0 = clock.setTimer(0, () => ran.push('zero'));
    const t1 = clock.setTimer(3, () => ran.push('three'));
    clock.setTimer(0, () => ran.push('kept'));
    clock.setTimer(4, () => ran.push('four'));
    clock.clearTimer(t0);
    clock.clearTimer(t1);
    expect(clock.pendingTimers).toBe(2);
    clock.advance(10);
    expect(ran).toEqual(['kept', 'four']);
    expect(clock.pendingTimers).toBe(0);
  });

  it('keeps the order after time is set back (a snapshot restored)', () => {
    const clock = new VirtualClock(1000);
    const ran: string[] = [];
    clock.setTimer(0, () => ran.push('queued at 1000'));
    clock.setTime(500);
    clock.setTimer(0, () => ran.push('set at 500'));
    clock.flush();
    expect(ran).toEqual(['set at 500']);
    clock.advance(500);
    expect(ran).toEqual(['set at 500', 'queued at 1000']);
  });

  it('runs a long chain of zero-delay hand-offs in order', () => {
    const clock = new VirtualClock(0);
    const ran: number[] = [];
    const step = (i: number) => () => { ran.push(i); if (i < 5000) clock.setTimer(0, step(i + 1)); };
    clock.setTimer(0, step(0));
    clock.setTimer(1, () => ran.push(-1));
    clock.flush();
    expect(ran).toHaveLength(5001);
    expect(ran.every((v, i) => v === i)).toBe(true);
    clock.advance(1);
    expect(ran[ran.length - 1]).toBe(-1);
  });
});
