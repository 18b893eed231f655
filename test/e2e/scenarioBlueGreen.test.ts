// `kdash --sim --scenario blue-green` in a real terminal: the presenter steps through the lesson
// and the traffic bars move from blue to green at once.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, KDASH, ROOT } from './kdashBuild.js';
import { TmuxTerminal } from './tmuxTerminal.js';

let term: TmuxTerminal | undefined;

beforeAll(() => ensureBuilt(), 120_000);
afterEach(() => { term?.kill(); term = undefined; });

const bar = (pod: string, version: string, rate: string, fill: '█' | '░') => new RegExp(`^  ${pod.replace(/\./g, '\\.')} +${version.replace(/\./g, '\\.')} +${fill}+ +${rate.replace(/\./g, '\\.')}/s$`, 'm');

describe('kdash --sim --scenario blue-green in a terminal', () => {
  it('steps through the lesson; the traffic bars move to the other version, and back on p', async () => {
    const t = term = new TmuxTerminal({ cwd: ROOT, columns: 140, rows: 45 }).start(`${KDASH} --sim --scenario blue-green --speed 20`);
    let screen = await t.see('── Blue/green release · 7 steps ');
    expect(screen).toContain('Press n for step 1: Two versions side by side');
    // The frame is one line shorter than the terminal.
    expect(screen.split('\n').length).toBeLessThanOrEqual(44);

    t.keys('n');
    await t.see('step 1/7: Two versions side by side');
    await t.see('$ kubectl apply -f petclinic-v1.0.0.yml -f petclinic-v1.0.1.yml');
    await t.see(/petclinic-v1\.0\.0 +1\/1 +Running/, 30_000);
    await t.see(/petclinic-v1\.0\.1 +1\/1 +Running/, 30_000);

    t.keys('n');
    await t.see('step 2/7: The Service selects blue');
    screen = await t.see(bar('petclinic-v1.0.0', '1.0.0.RELEASE', '20.0', '█'), 30_000);
    expect(screen).toContain('traffic → petclinic (20 req/s)');
    expect(screen).not.toMatch(/petclinic-v1\.0\.1 +1\.0\.1\.RELEASE/);

    t.keys(']');
    await t.see('step 3/7: Switch to green');
    screen = await t.see(bar('petclinic-v1.0.1', '1.0.1.RELEASE', '20.0', '█'), 30_000);
    await t.see(bar('petclinic-v1.0.0', '1.0.0.RELEASE', '0.0', '░'), 30_000);

    // Back: the cluster as it was before the switch, blue answering again.
    t.keys('p');
    await t.see('step 2/7: The Service selects blue');
    screen = await t.see(bar('petclinic-v1.0.0', '1.0.0.RELEASE', '20.0', '█'), 30_000);

    t.keys('?');
    screen = await t.see('scenario: next step');
    expect(screen).toMatch(/^  n \] +scenario: next step$/m);
    expect(screen).toMatch(/^  p \[ +scenario: previous step \(the cluster as it was before the current step\)$/m);
    t.keys('Escape');
    // Escape and X in one read would be alt-X: wait for the help to close first.
    await t.gone('scenario: next step');
    t.keys('X');
    await t.see('left demo mode');
    await t.gone('Blue/green release');
  }, 120_000);

  it('refuses a bad scenario file before the screen opens, naming the file, the step and the reason', async () => {
    const t = term = new TmuxTerminal({ cwd: ROOT, columns: 140, rows: 45 }).start(`${KDASH} --sim --scenario test/scenario/fixtures/unknown-action.yaml; echo "exit status $?"; sleep 60`);
    const screen = await t.see('exit status ');
    // The message is longer than the terminal is wide: tmux wraps it.
    expect(screen.replace(/\n/g, '')).toContain('kdash: test/scenario/fixtures/unknown-action.yaml: step 2 "Switch to green": unknown action "pach"');
    expect(screen).toContain('exit status 2');
  }, 60_000);
});
