// A counter bumped every `ms`, so ages and countdowns on screen stay current.
import { useEffect, useState } from 'react';
import type { Scheduler } from '../../store/scheduler.js';

export function useTicker(scheduler: Scheduler, ms: number): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let handle = scheduler.after(ms, function again() {
      setTick((t) => t + 1);
      handle = scheduler.after(ms, again);
    });
    return () => handle.cancel();
  }, [scheduler, ms]);
  return tick;
}
