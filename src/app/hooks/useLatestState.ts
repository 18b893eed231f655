// State whose latest value is readable at once through a ref: keys can arrive faster than React
// renders, and each key must see what the previous one did.
import { useCallback, useRef, useState } from 'react';

export type Update<T> = T | ((current: T) => T);

export function useLatestState<T>(initial: T): [T, (u: Update<T>) => void, { readonly current: T }] {
  const [value, setValue] = useState<T>(initial);
  const ref = useRef<T>(initial);
  const set = useCallback((u: Update<T>) => {
    const next = typeof u === 'function' ? (u as (c: T) => T)(ref.current) : u;
    ref.current = next;
    setValue(next);
  }, []);
  return [value, set, ref];
}
