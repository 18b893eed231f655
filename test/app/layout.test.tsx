import { afterEach, describe, expect, it } from 'vitest';
import { newSim } from '../helpers/sim.js';
import { KEY, mount, podObject, type Mounted } from './harness.js';

let m: Mounted | undefined;
afterEach(() => { m?.unmount(); m = undefined; });

describe('layout', () => {
  it('10,000 pods: the frame draws only the visible rows and stays one line shorter than the terminal', async () => {
    const sim = newSim([]);
    for (let i = 0; i < 10_000; i++) sim.api.create('pods', podObject(`load-${String(i).padStart(5, '0')}`));
    sim.virtualClock.flush();
    const started = Date.now();
    m = mount(sim.backend, { size: { columns: 100, rows: 40 } }, sim);
    let f = await m.see('pods(default)[10000]', 10_000);
    const firstFrameMs = Date.now() - started;
    const lines = f.split('\n');
    expect(lines).toHaveLength(39);
    // 3 header lines, the column header, 34 rows, the key line.
    expect(lines.filter((l) => l.startsWith('load-'))).toHaveLength(34);
    expect(lines[4]).toMatch(/^load-00000 /);
    expect(lines[37]).toMatch(/^load-00033 /);
    let t = Date.now();
    await m.press('G');
    f = await m.see(/^load-09999 /m);
    const jumpMs = Date.now() - t;
    expect(f.split('\n')).toHaveLength(39);
    expect(f.split('\n')[4]).toMatch(/^load-09966 /);
    // A watch event on a 10,000-row table redraws one window.
    t = Date.now();
    sim.api.create('pods', podObject('load-10000'));
    f = await m.see('pods(default)[10001]');
    const eventMs = Date.now() - t;
    expect(f.split('\n')).toHaveLength(39);
    console.log(`10,000 pods: first frame ${firstFrameMs} ms, G ${jumpMs} ms, one ADDED event ${eventMs} ms (wall clock, including test polling)`);
  });

  it('follows terminal resizes: the frame is always rows − 1 lines', async () => {
    const sim = newSim([]);
    for (let i = 0; i < 100; i++) sim.api.create('pods', podObject(`p-${String(i).padStart(3, '0')}`));
    m = mount(sim.backend, { size: { columns: 100, rows: 30 } }, sim);
    let f = await m.see('pods(default)[100]');
    expect(f.split('\n')).toHaveLength(29);
    for (const [cols, rows] of [[80, 24], [60, 12], [100, 50]] as const) {
      m.resize(cols, rows);
      f = await m.waitFor((fr) => fr.split('\n').length === rows - 1, `${rows - 1} lines`);
      expect(Math.max(...f.split('\n').map((l) => l.length))).toBeLessThanOrEqual(cols);
      expect(f.split('\n').filter((l) => l.startsWith('p-'))).toHaveLength(rows - 6);
    }
    // The selection stays visible when the window shrinks.
    await m.press('G');
    await m.see(/^p-099 /m);
    m.resize(80, 10);
    await m.waitFor((fr) => fr.split('\n').length === 9, '9 lines');
    await m.see(/^p-099 /m);
  });

  it('every view keeps the frame height: help, describe, dialogs, the prompt', async () => {
    const sim = newSim([]);
    sim.api.create('pods', podObject('only'));
    m = mount(sim.backend, { size: { columns: 100, rows: 20 } }, sim);
    await m.see('pods(default)[1]');
    const h = () => m!.frame().split('\n').length;
    expect(h()).toBe(19);
    await m.press('?');
    await m.see('Keys of this screen');
    expect(h()).toBe(19);
    await m.press(KEY.esc, 'd');
    await m.see('> describe');
    expect(h()).toBe(19);
    await m.press(KEY.esc, KEY.ctrlD);
    await m.see('Delete pod default/only?');
    expect(h()).toBe(19);
    await m.press(KEY.esc, ':');
    await m.see(':█');
    expect(h()).toBe(19);
  });
});
