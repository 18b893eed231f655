import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, TerminalScreen } from '../../src/app/terminalScreen.js';

class FakeTty extends EventEmitter {
  columns = 120;
  rows = 40;
  isTTY = true;
  readonly chunks: string[] = [];
  write(data: string): boolean { this.chunks.push(data); return true; }
  get output(): string { return this.chunks.join(''); }
}

const frame = (n: number, changed = -1) => Array.from({ length: n }, (_, i) => `row ${i} ${'x'.repeat(100)}${i === changed ? ' changed' : ''}`).join('\n');

describe('TerminalScreen', () => {
  it('enters the alternate screen, and leaving it restores the terminal', () => {
    const tty = new FakeTty();
    const screen = new TerminalScreen(tty);
    screen.start();
    expect(tty.output.startsWith(ENTER_ALT_SCREEN)).toBe(true);
    screen.stop();
    expect(tty.output.endsWith(LEAVE_ALT_SCREEN)).toBe(true);
    expect(tty.output).toContain('\x1b[?25h');
    expect(tty.listenerCount('resize')).toBe(0);
  });

  it('writes a whole frame once, then only the lines that changed, by absolute position', () => {
    const tty = new FakeTty();
    const screen = new TerminalScreen(tty);
    screen.start();
    screen.write(frame(39));
    const first = screen.bytesWritten;
    expect(first).toBeGreaterThan(39 * 100);
    tty.chunks.length = 0;
    screen.write(frame(39, 17));
    const oneRow = screen.bytesWritten - first;
    expect(tty.output).toContain('\x1b[18;1Hrow 17 ');
    expect(tty.output).not.toContain('row 16');
    // One changed row costs the row and a few bytes of cursor movement.
    expect(oneRow).toBeLessThan(160);
    tty.chunks.length = 0;
    screen.write(frame(39, 17));
    expect(tty.chunks).toEqual([]);
    console.log(`39-line frame: ${first} bytes; one changed row: ${oneRow} bytes`);
  });

  it('clears lines a shorter frame no longer uses', () => {
    const tty = new FakeTty();
    const screen = new TerminalScreen(tty);
    screen.start();
    screen.write('a\nb\nc');
    tty.chunks.length = 0;
    screen.write('a');
    expect(tty.output).toContain('\x1b[2;1H\x1b[K');
    expect(tty.output).toContain('\x1b[3;1H\x1b[K');
  });

  it('repaints everything after a resize and passes the event on', () => {
    const tty = new FakeTty();
    const screen = new TerminalScreen(tty);
    let heard = 0;
    screen.on('resize', () => heard++);
    screen.start();
    screen.write(frame(10));
    tty.rows = 20;
    tty.emit('resize');
    expect(heard).toBe(1);
    expect(screen.rows).toBe(20);
    tty.chunks.length = 0;
    screen.write(frame(10));
    expect(tty.output.match(/\x1b\[\d+;1H/g)).toHaveLength(10);
  });
});
