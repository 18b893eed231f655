// Selection and scrolling of a table: the selection follows the same object across updates, and
// the window of visible rows always contains it.

/** The row to select after the rows changed: the same object if it is still there, else the same position. */
export function reconcileSelection(keys: readonly string[], selectedKey: string | undefined, previousIndex: number): number {
  if (keys.length === 0) return 0;
  if (selectedKey !== undefined) {
    const i = keys.indexOf(selectedKey);
    if (i >= 0) return i;
  }
  return Math.max(0, Math.min(previousIndex, keys.length - 1));
}

/** The first visible row, moved as little as possible so that `selected` is in view. */
export function windowTop(selected: number, top: number, height: number, total: number): number {
  if (height <= 0) return 0;
  let t = top;
  if (selected < t) t = selected;
  if (selected >= t + height) t = selected - height + 1;
  return Math.max(0, Math.min(t, Math.max(0, total - height)));
}

export function clampIndex(i: number, total: number): number {
  return total === 0 ? 0 : Math.max(0, Math.min(i, total - 1));
}
