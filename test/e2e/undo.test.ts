// The undo story in a real terminal: a Deployment put into `kdash --sim --serve` by real kubectl,
// its rollout history opened with `h`, `u` rolling back to a chosen revision, and ctrl-z bringing
// back a deleted Deployment. kubectl checks what the dashboard says. Keys go one at a time, as
// typed: a custom screen reads each key event on its own.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureBuilt, KDASH, ROOT } from './kdashBuild.js';
import { sleep, TmuxTerminal } from './tmuxTerminal.js';
import { WEB_DEPLOYMENT } from './webManifest.js';

let dir: string;
let term: TmuxTerminal | undefined;

function kubectl(...args: string[]): string {
  return execFileSync('kubectl', ['--kubeconfig', join(dir, 'kubeconfig'), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The text inside the dialog's box, its wrapped lines joined by single spaces. */
function dialogText(screen: string): string {
  return screen.split('\n').filter((l) => l.includes('│'))
    .map((l) => l.replace(/^\s*│(.*)│\s*$/, '$1').trim()).filter(Boolean).join(' ');
}

/** Keys one at a time, a little apart, as a person types them. */
async function press(t: TmuxTerminal, ...keys: string[]): Promise<void> {
  for (const k of keys) { t.keys(k); await sleep(150); }
}

/** kdash serving its simulator, with web at revision 2 (nginx:1.25, then nginx:1.26) on screen. */
async function webAtRevision2(): Promise<TmuxTerminal> {
  term = new TmuxTerminal({ cwd: ROOT }).start(`${KDASH} --sim --serve --kubeconfig-out ${join(dir, 'kubeconfig')} --speed 20 --seed 5`);
  const t = term;
  await t.see('serving on http://127.0.0.1:');
  writeFileSync(join(dir, 'web.yaml'), WEB_DEPLOYMENT);
  expect(kubectl('apply', '-f', join(dir, 'web.yaml'))).toBe('deployment.apps/web created\n');
  kubectl('rollout', 'status', 'deployment/web', '--timeout=60s');
  expect(kubectl('set', 'image', 'deployment/web', 'web=nginx:1.26')).toBe('deployment.apps/web image updated\n');
  kubectl('rollout', 'status', 'deployment/web', '--timeout=60s');
  t.type(':deploy');
  await press(t, 'Enter');
  await t.see(/^web +2\/2 +2 +2 /m);
  return t;
}

beforeAll(() => ensureBuilt(), 120_000);
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'kdash-e2e-')); });
afterEach(() => {
  term?.kill();
  term = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('undo in kdash --sim --serve, with kubectl', () => {
  it('h opens the rollout history; u on revision 1 asks, rolls back, and the flash names the new revision', async () => {
    const t = await webAtRevision2();
    await press(t, 'h');
    const history = await t.waitFor((s) => s.includes('deployment default/web  revision 2  2/2 ready  deployment "web" successfully rolled out')
      && /^2 \(current\) /m.test(s), 'the history of web');
    expect(history).toContain('deployments > web > history');
    expect(history).toMatch(/^REVISION +CHANGE-CAUSE +IMAGES +REPLICASET +PODS +AGE$/m);
    expect(history).toMatch(/^1 +<none> +nginx:1\.25 +web-[a-z0-9]{10} +0\/0 /m);
    expect(history).toMatch(/^2 \(current\) +<none> +nginx:1\.26 +web-[a-z0-9]{10} +2\/2 /m);

    await press(t, 'k', 'u');
    const dialog = dialogText(await t.see('Roll back deployment default/web to revision 1?'));
    expect(dialog).toContain('from revision 2 (current): nginx:1.26 to revision 1: nginx:1.25');
    expect(dialog).toContain('[ Cancel ]   [ Roll back ]');
    await press(t, 'Right', 'Enter');
    await t.see('deployment.apps/web rolled back to revision 1 (now revision 3)', 30_000);
    const after = await t.see(/deployment default\/web  revision 3  2\/2 ready  deployment "web" successfully rolled out/, 30_000);
    expect(after).toMatch(/^3 \(current\) +<none> +nginx:1\.25 /m);
    expect(after).not.toMatch(/^1 +<none>/m);

    expect(kubectl('get', 'deployment', 'web', '-o', 'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision} {.spec.template.spec.containers[0].image}'))
      .toBe('3 nginx:1.25');
    expect(kubectl('rollout', 'history', 'deployment/web')).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
  }, 120_000);

  it('u on a Deployment asks, then rolls back to the previous revision', async () => {
    const t = await webAtRevision2();
    await press(t, 'u');
    const dialog = dialogText(await t.see('Roll back deployment default/web to revision 1?'));
    expect(dialog).toContain('to revision 1: nginx:1.25');
    await press(t, 'Right', 'Enter');
    await t.see('deployment.apps/web rolled back to revision 1 (now revision 3)', 30_000);
    expect(kubectl('get', 'deployment', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}')).toBe('nginx:1.25');
  }, 120_000);

  it('ctrl-z after a delete asks, then creates the deleted Deployment again', async () => {
    const t = await webAtRevision2();
    await press(t, 'C-d');
    await t.see('Delete deployment default/web?');
    await press(t, 'Right', 'Enter');
    await t.see('deployment.apps "web" deleted');
    await t.see('deployments(default)[0]');
    expect(() => kubectl('get', 'deployment', 'web')).toThrow(/deployments.apps "web" not found/);

    await press(t, 'C-z');
    const dialog = dialogText(await t.see('Undo delete deployment default/web (Background)?'));
    expect(dialog).toContain('Creates deployment default/web again from its last manifest (its ReplicaSets and pods are created anew).');
    expect(dialog).toContain('[ Cancel ]   [ Undo ]');
    await press(t, 'Right', 'Enter');
    await t.see('deployment.apps/web created');
    await t.see(/^web +2\/2 +2 +2 /m, 30_000);
    expect(kubectl('get', 'deployment', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}')).toBe('nginx:1.26');
  }, 120_000);
});
