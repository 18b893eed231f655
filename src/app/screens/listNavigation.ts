// Moving the selection of a custom screen's list: j k ↑ ↓ g G, clamped to the list.
import type { Key } from 'ink';
import { clampIndex } from '../../store/selection.js';

/** The row the key moves the selection to, or undefined when it is not a move key. */
export function listMove(input: string, key: Key, selected: number, count: number): number | undefined {
  if (count === 0) return undefined;
  if (input === 'j' || key.downArrow) return clampIndex(selected + 1, count);
  if (input === 'k' || key.upArrow) return clampIndex(selected - 1, count);
  if (input === 'g') return 0;
  if (input === 'G') return count - 1;
  return undefined;
}
