// bin/kdash.js may listen for the dashboard's first frame: by then V8 has compiled the code that
// start-up runs, and the launcher stores that compiled code (its code cache) for the next start.
const FIRST_FRAME = Symbol.for('kdash.firstFrame');

export function signalFirstFrame(): void {
  const slots = globalThis as unknown as Record<symbol, unknown>;
  const listener = slots[FIRST_FRAME];
  delete slots[FIRST_FRAME];
  if (typeof listener === 'function') listener();
}
