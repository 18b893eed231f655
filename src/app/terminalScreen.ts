// Puts Ink's frames on the terminal's alternate screen, rewriting only the lines that changed.
//
// Ink is run in debug mode, where every render hands over the whole frame as one string; this
// screen compares it with the frame on display and moves the cursor to each changed line by
// absolute position. A one-row change costs that row plus a few bytes, whatever the frame's size.
// Ink 6.8's own `incrementalRendering` is not used: for a frame shorter than the terminal (which
// is how Ink avoids clearing the whole screen on every frame) it moves the cursor up one line too
// few, so each frame lands one row lower than the last and the top row keeps stale text.
import { EventEmitter } from 'node:events';

const ESC = '\x1b[';
const SYNC_START = `${ESC}?2026h`;
const SYNC_END = `${ESC}?2026l`;
export const ENTER_ALT_SCREEN = `${ESC}?1049h${ESC}H${ESC}2J`;
export const LEAVE_ALT_SCREEN = `${ESC}?1049l`;
const HIDE_CURSOR = `${ESC}?25l`;
const SHOW_CURSOR = `${ESC}?25h`;

/** The part of a terminal stream the screen needs: where to write, its size, resize events. */
export interface TerminalStream {
  write(data: string): boolean;
  columns?: number;
  rows?: number;
  isTTY?: boolean;
  on(event: 'resize', fn: () => void): unknown;
  off(event: 'resize', fn: () => void): unknown;
}

export class TerminalScreen extends EventEmitter {
  private shown: string[] = [];
  private open = false;
  /** The terminal is lent to another program (an editor): the latest frame waits here. */
  private suspended = false;
  private waiting?: string;
  /** Bytes written for frames, for measurements. */
  bytesWritten = 0;
  private readonly onResize = () => {
    // Terminals reflow or scroll on resize: repaint everything on the next frame.
    this.shown = [];
    if (this.open) this.out.write(`${ESC}2J`);
    this.emit('resize');
  };

  constructor(private readonly out: TerminalStream) {
    super();
    out.on('resize', this.onResize);
  }

  get columns(): number { return this.out.columns ?? 80; }
  get rows(): number { return this.out.rows ?? 24; }
  get isTTY(): boolean { return true; }

  start(): void {
    if (this.open) return;
    this.open = true;
    this.out.write(ENTER_ALT_SCREEN + HIDE_CURSOR);
  }

  /** Leaves the alternate screen: the terminal shows again what it showed before. */
  stop(): void {
    if (!this.open) return;
    this.open = false;
    this.out.off('resize', this.onResize);
    this.out.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
  }

  /** Hands the terminal to another program: the normal screen and the cursor come back. */
  suspend(): void {
    if (!this.open || this.suspended) return;
    this.suspended = true;
    this.out.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
  }

  /** Takes the terminal back and draws the last frame again, whole. */
  resume(): void {
    if (!this.suspended) return;
    this.suspended = false;
    this.out.write(ENTER_ALT_SCREEN + HIDE_CURSOR);
    const frame = this.waiting ?? this.shown.join('\n');
    this.waiting = undefined;
    this.shown = [];
    this.write(frame);
  }

  /** Ink's write: one whole frame. */
  write(frame: string): boolean {
    if (this.suspended) this.waiting = frame;
    if (!this.open || this.suspended) return true;
    const lines = frame.replace(/\n$/, '').split('\n');
    let buf = '';
    const count = Math.max(lines.length, this.shown.length);
    for (let i = 0; i < count; i++) {
      const line = lines[i];
      if (line === this.shown[i]) continue;
      buf += `${ESC}${i + 1};1H${line ?? ''}${ESC}K`;
    }
    this.shown = lines;
    if (!buf) return true;
    const data = SYNC_START + buf + SYNC_END;
    this.bytesWritten += Buffer.byteLength(data);
    return this.out.write(data);
  }

  // Ink may ask for these of a stream; the screen has nothing to add.
  end(): void {}
  cork(): void {}
  uncork(): void {}
}
