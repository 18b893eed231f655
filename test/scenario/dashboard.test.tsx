// Demo mode in the dashboard (ink-testing-library): `:scenario NAME`, the player keys, the panel
// below the table, `:scenario off`, and read-only mode.
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../../backends/sim/simulator.js';
import { ScenarioSession } from '../../src/scenario/scenarioSession.js';
import { KEY, mount, sleep, type Mounted } from '../app/harness.js';

let m: Mounted | undefined;
let session: ScenarioSession | undefined;
afterEach(() => { m?.unmount(); m = undefined; session?.stop(); session = undefined; });


/** Lets simulated time pass, half a second at a time, until the frame shows `text` and no step runs. */
async function runUntil(sim: Simulator, text: string | RegExp): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const f = m!.frame();
    if ((typeof text === 'string' ? f.includes(text) : text.test(f)) && !/running…|waiting for /.test(f)) return f;
    sim.virtualClock.advance(500);
    await sleep(5);
  }
  throw new Error(`never saw ${String(text)}; last frame:\n${m!.frame()}`);
}

describe('demo mode in the dashboard', () => {
  it(':scenario starts one; n runs a step, the panel shows it with its traffic; :scenario off leaves', async () => {
    const sim = createSimulator();
    sim.virtualClock.advance(30_000);
    session = new ScenarioSession(sim);
    m = mount(sim.backend, { scenario: session }, sim);
    await m.see('No resources found in default namespace.');
    await m!.command('scenario blue-gren');
    await m.see('no such scenario "blue-gren"');

    await m!.command('scenario nodeport');
    let f = await runUntil(sim, '── A NodePort Service · 8 steps');
    expect(f).toContain('Press n for step 1: A labelled pod');
    // The frame stays one line shorter than the terminal (30 rows).
    expect(m.lines().length).toBe(29);

    await m.press('n');
    f = await runUntil(sim, /^petclinic +1\/1 +Running/m);
    f = await runUntil(sim, '  pod/petclinic created');
    expect(f).toContain('── A NodePort Service · step 1/8: A labelled pod');
    expect(f).toContain('$ kubectl apply -f petclinic-pod.yml');

    await m.press(']');
    f = await runUntil(sim, /^ {2}petclinic {2}1\.0\.0\.RELEASE +█+ +20\.0\/s$/m);
    expect(f).toContain('step 2/8: The Service');

    await m.press('n');
    f = await runUntil(sim, /^ {2}no answer: Connection refused +█+ +20\.0\/s failed$/m);
    expect(f).toContain('step 3/8: A misspelled selector');

    await m.press('p');
    f = await runUntil(sim, /^ {2}petclinic {2}1\.0\.0\.RELEASE +█+ +20\.0\/s$/m);
    expect(f).toContain('step 2/8: The Service');

    await m.press('?');
    f = await m.see('scenario: next step');
    expect(f).toMatch(/^ {2}R +scenario: restart from the beginning$/m);
    await m.press(KEY.esc);

    await m!.command('scenario off');
    await m.see('left demo mode');
    await m.gone('A NodePort Service');
    expect(session.player).toBeUndefined();
  });

  it('refuses scenario steps in read-only mode', async () => {
    const sim = createSimulator();
    session = new ScenarioSession(sim);
    m = mount(sim.backend, { scenario: session, readonly: true }, sim);
    await m!.command('scenario blue-green');
    await m.see('read-only mode: scenarios are disabled');
    expect(session.player).toBeUndefined();
  });
});
