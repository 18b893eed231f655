// Keys of a custom screen's list: handed over by the dashboard, and j k ↑ ↓ g G moves.
import type { Key } from 'ink';
import { clampIndex } from '../../store/selection.js';
import { useDashboardActions } from '../journalActions.js';

/** Makes `handler` (of this render) the one the dashboard calls for keys while `screen` is on view. */
export function useScreenKeys(screen: string, handler: (input: string, key: Key) => void): void {
  useDashboardActions().screenKeys.set(screen, handler);
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
