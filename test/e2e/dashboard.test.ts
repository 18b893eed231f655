// The built `kdash --sim` in a real terminal (tmux): what a new user sees and does first.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, KDASH, ROOT } from './kdashBuild.js';
import { TmuxTerminal } from './tmuxTerminal.js';
import { WEB_DEPLOYMENT } from './webManifest.js';

let term: TmuxTerminal | undefined;

function open(command: string): TmuxTerminal {
  term = new TmuxTerminal({ cwd: ROOT }).start(command);
  return term;
}

beforeAll(() => ensureBuilt(), 120_000);
afterEach(() => { term?.kill(); term = undefined; });

const HEADER = /NAMESPACE +NAME +READY +STATUS +RESTARTS +AGE/;

describe('kdash --sim in a terminal', () => {
  it('opens on the pods of a fresh cluster: the kube-system pods with -A', async () => {
    const t = open(`${KDASH} --sim -A --seed 3 --speed 10`);
    // Static pods first, then what the controllers create: 13 pods, all Running.
    const screen = await t.waitFor((s) => s.includes('pods(all)[13]') && (s.match(/ 1\/1 +Running /g) ?? []).length === 13, '13 running pods');
    const lines = screen.split('\n');
    expect(lines[0]).toBe('Context: kdash-sim  Cluster: kind-kdash  Backend: sim  Namespace: all  Server: v1.33.1');
    expect(lines[1]).toBe('pods(all)[13]');
    expect(lines[3]).toMatch(HEADER);
    const rows = lines.slice(4, 17).map((l) => l.split(/\s+/).slice(0, 2).join(' '));
    expect(rows.filter((r) => r.startsWith('kube-system '))).toHaveLength(12);
    for (const name of ['etcd-kind-control-plane', 'kube-apiserver-kind-control-plane', 'kube-controller-manager-kind-control-plane']) {
      expect(rows).toContain(`kube-system ${name}`);
    }
    expect(rows.filter((r) => /^kube-system coredns-[a-z0-9]{10}-[a-z0-9]{5}$/.test(r))).toHaveLength(2);
    expect(rows.filter((r) => /^kube-system kube-proxy-[a-z0-9]{5}$/.test(r))).toHaveLength(3);
    expect(rows.filter((r) => r.startsWith('local-path-storage local-path-provisioner-'))).toHaveLength(1);
    expect(lines[lines.length - 1]).toMatch(/^<\?>help <:>command <\/>filter <d>describe /);
  }, 60_000);

  it('shows the default namespace\'s pods after :apply -f of a Deployment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kdash-e2e-'));
    try {
      writeFileSync(join(dir, 'web.yaml'), WEB_DEPLOYMENT);
      const t = open(`${KDASH} --sim --speed 20 --seed 2`);
      await t.see('No resources found in default namespace.');
      t.type(`:apply -f ${join(dir, 'web.yaml')}`);
      t.keys('Enter');
      await t.see('deployment.apps/web created');
      const screen = await t.waitFor((s) => (s.match(/^web-[a-z0-9]{10}-[a-z0-9]{5} +1\/1 +Running +0 /gm) ?? []).length === 2, 'two running web pods', 30_000);
      expect(screen.split('\n')[1]).toBe('pods(default)[2]');
      expect(screen.split('\n')[3]).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('deletes a ReplicaSet\'s pod after asking, and the ReplicaSet replaces it', async () => {
    const t = open(`${KDASH} --sim -n kube-system --speed 20 --seed 4`);
    await t.see(/coredns-\S+ +1\/1 +Running/);
    t.type('/coredns');
    t.keys('Enter');
    await t.see('pods(kube-system)[2] </coredns>');
    t.keys('C-d');
    const dialog = await t.see(/Delete pod kube-system\/coredns-\S+\?/);
    const victim = /Delete pod kube-system\/(coredns-\S+)\?/.exec(dialog)![1];
    expect(dialog).toContain('Propagation policy: Background');
    // Cancel has the focus: move it to the Delete button, then press it.
    t.keys('Right');
    t.keys('Enter');
    const after = await t.waitFor((s) => !s.includes(victim) && (s.match(/coredns-\S+ +1\/1 +Running/g) ?? []).length === 2,
      `${victim} to be replaced by a running pod`, 30_000);
    const names = [...after.matchAll(/(coredns-\S+) +1\/1 +Running/g)].map((m) => m[1]);
    expect(names).toHaveLength(2);
    expect(names).not.toContain(victim);
    // The replacement belongs to the same ReplicaSet: same name up to the random suffix.
    const rs = victim.replace(/-[a-z0-9]{5}$/, '');
    expect(names.every((n) => n.startsWith(`${rs}-`))).toBe(true);
  }, 60_000);

  it('switches to the light theme with :theme light', async () => {
    const t = open(`${KDASH} --sim -A --seed 3`);
    await t.see('kube-scheduler-kind-control-plane');
    // Light's header colour is #875f00; dark draws the header labels in the terminal's yellow.
    const lightHeader = '\x1b[38;2;135;95;0mContext: ';
    expect(t.screenWithEscapes()).toContain('\x1b[33mContext: ');
    expect(t.screenWithEscapes()).not.toContain(lightHeader);
    t.type(':theme light');
    t.keys('Enter');
    // The flash line says it once the prompt (which shows the same words while typed) has gone.
    await t.see(/^theme light/m);
    const colored = t.screenWithEscapes();
    expect(colored).toContain(lightHeader);
    // The selected row in light's selection colours (white on #005f87).
    expect(colored).toMatch(/\x1b\[37m\x1b\[48;2;0;95;135m(kube-system|local-path-storage) /);
  }, 60_000);

  it('quits with q and gives the shell its screen back, cursor visible', async () => {
    const t = open('env -i PATH="$PATH" HOME="$HOME" TERM=xterm-256color COLORTERM=truecolor PS1="$ " bash --norc --noprofile');
    await t.see('$');
    t.type("printf 'before\\n'");
    t.keys('Enter');
    const before = await t.see(/^before\n\$$/m);
    expect(before).toBe("$ printf 'before\\n'\nbefore\n$");
    t.type(`${KDASH} --sim`);
    t.keys('Enter');
    await t.see('pods(default)[0]');
    expect(t.display('#{alternate_on} #{cursor_flag}')).toBe('1 0');
    t.keys('q');
    const after = await t.waitFor((s) => s.split('\n').length === 4, 'the shell prompt after kdash');
    expect(after).toBe(`$ printf 'before\\n'\nbefore\n$ ${KDASH} --sim\n$`);
    expect(t.display('#{alternate_on} #{cursor_flag} #{cursor_x},#{cursor_y}')).toBe('0 1 2,3');
  }, 60_000);
});
