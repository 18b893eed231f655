// Keys of a custom screen's list: the latest handler for every key, and j k ↑ ↓ g G moves.
import { useInput, type Key } from 'ink';
import { useCallback, useRef } from 'react';
import { clampIndex } from '../../store/selection.js';

/**
 * useInput with the handler of the latest render, subscribed once: Ink subscribes a changed
 * handler (or one that became active) only after the frame is drawn, and a key arriving in
 * between must neither be lost nor meet an older render's rows.
 * `isActive` is read as it was before the current key: the dashboard handles a key first (enter
 * confirming a dialog, closing the prompt) and may re-render before the screen hears the same key.
 */
export function useLatestInput(handler: (input: string, key: Key) => void, isActive: boolean): void {
  const ref = useRef(handler);
  ref.current = handler;
  const active = useRef(isActive);
  // Settles after the synchronous key dispatch, before the next key (each is its own stdin chunk).
  queueMicrotask(() => { active.current = isActive; });
  const stable = useCallback((input: string, key: Key) => { if (active.current) ref.current(input, key); }, []);
  useInput(stable);
}

/** The row the key moves the selection to, or undefined when it is not a move key. */
export function listMove(input: string, key: Key, selected: number, count: number): number | undefined {
  if (count === 0) return undefined;
  if (input === 'j' || key.downArrow) return clampIndex(selected + 1, count);
  if (input === 'k' || key.upArrow) return clampIndex(selected - 1, count);
  if (input === 'g') return 0;
  if (input === 'G') return count - 1;
  return undefined;
}
