// End to end, as a user runs it: `kdash serve` in one process, `kdash --context kdash-sim
// --kubeconfig FILE` in a real terminal (tmux), and real kubectl applying a tutorial manifest from
// this process; the dashboard shows the new pods. Also: the simulator never loads client-node.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, KDASH, ROOT } from '../e2e/kdashBuild.js';
import { TmuxTerminal } from '../e2e/tmuxTerminal.js';
import { petclinicDeployment, petclinicReplicaSet, petclinicService } from '../helpers/petclinicManifests.js';
import { eventually, tempDir } from './support.js';

const tmp = tempDir();
let serve: ChildProcess | undefined;
let kubeconfig = '';
let term: TmuxTerminal | undefined;

function kubectl(...args: string[]): string {
  try {
    return execFileSync('kubectl', ['--kubeconfig', kubeconfig, '--context', 'kdash-sim', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { code?: string; stderr?: string };
    if (err.code === 'ENOENT') throw new Error('kubectl is not installed: this test drives the served simulator with the real kubectl (install kubernetes-client)');
    throw new Error(`kubectl ${args.join(' ')} failed: ${err.stderr ?? String(e)}`);
  }
}

beforeAll(async () => {
  ensureBuilt();
  kubeconfig = join(tmp.dir, 'kdash-sim.yaml');
  serve = spawn(process.execPath, [join(ROOT, 'bin/kdash.js'), 'serve', '--port', '0', '--kubeconfig-out', kubeconfig, '--speed', '30'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  serve.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  serve.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  await eventually(() => out.includes('kubeconfig written to') && existsSync(kubeconfig), `kdash serve to start (output: ${out})`);
});

afterEach(() => { term?.kill(); term = undefined; });
afterAll(() => {
  serve?.kill('SIGTERM');
  tmp.remove();
});

describe('kdash --context on a served simulator, in a terminal', () => {
  it('shows the pods that kubectl creates', async () => {
    term = new TmuxTerminal({ columns: 120, rows: 30 }).start(`${KDASH} --context kdash-sim --kubeconfig ${kubeconfig}`);
    await term.see(/^Context: kdash-sim  Cluster: kdash-sim  Backend: live  Namespace: default  Server: v1\.33\.1/m, 30_000);
    await term.see('No resources found in default namespace.');
    const manifest = tmp.file('petclinic-rs.yml', petclinicReplicaSet);
    expect(kubectl('apply', '-f', manifest)).toBe('replicaset.apps/petclinic created\n');
    // AGE is any: the dashboard dates objects by this machine's clock, and the served simulator's
    // clock runs 30 times faster (its objects are "from the future": `<invalid>`, as kubectl prints it).
    const screen = await term.waitFor((s) => (s.match(/^petclinic-[a-z0-9]{5} +1\/1 +Running +0 +\S+$/gm) ?? []).length === 3, 'three running petclinic pods', 60_000);
    expect(screen.split('\n')[1]).toMatch(/^pods\(default\)\[3\]/);
    // The names on screen are kubectl's.
    const names = kubectl('get', 'pods', '-o', 'name').trim().split('\n').map((n) => n.replace('pod/', '')).sort();
    expect(names).toHaveLength(3);
    for (const n of names) expect(screen).toContain(n);

    term.keys(':');
    term.type('ctx');
    term.keys('Enter');
    await term.see(/^\*\s+kdash-sim\s+kdash-sim\s+kdash-sim\s+default$/m);
    term.keys(':');
    term.type('q');
    term.keys('Enter');
    await term.waitFor(() => term!.display('#{pane_dead}') === '1', 'kdash to exit');
  }, 120_000);

  it('follows the tutorial as kubectl plays it: a NodePort Service, self-healing, a rolling update and its undo', async () => {
    term = new TmuxTerminal({ columns: 120, rows: 30 }).start(`${KDASH} --context kdash-sim --kubeconfig ${kubeconfig} -n lesson`);
    kubectl('create', 'namespace', 'lesson');
    await term.see(/Backend: live  Namespace: lesson/, 30_000);
    const command = (text: string) => { term!.keys(':'); term!.type(text); term!.keys('Enter'); };

    command('svc');
    await term.see('services(lesson)[0]');
    expect(kubectl('apply', '-n', 'lesson', '-f', tmp.file('petclinic-svc.yml', petclinicService))).toBe('service/petclinic created\n');
    await term.see(/^petclinic +NodePort +10\.96\.\d+\.\d+ +<none> +8080:31080\/TCP /m);

    // Lesson 5: a Deployment rolls out; a deleted pod is replaced; an image update and its undo.
    command('deploy');
    expect(kubectl('apply', '-n', 'lesson', '-f', tmp.file('petclinic-deploy.yml', petclinicDeployment('1.0.0')))).toBe('deployment.apps/petclinic created\n');
    await term.see(/^petclinic +3\/3 +3 +3 /m, 60_000);
    command('po');
    await term.waitFor((s) => (s.match(/^petclinic-[a-z0-9]+-[a-z0-9]{5} +1\/1 +Running/gm) ?? []).length === 3, 'three running pods', 60_000);
    const victim = kubectl('get', 'pods', '-n', 'lesson', '-o', 'name').trim().split('\n')[0].replace('pod/', '');
    kubectl('delete', 'pod', '-n', 'lesson', victim, '--wait=false');
    await term.waitFor((s) => !s.includes(victim) && (s.match(/^petclinic-[a-z0-9]+-[a-z0-9]{5} +1\/1 +Running/gm) ?? []).length === 3, 'a replacement for the deleted pod', 60_000);

    kubectl('apply', '-n', 'lesson', '-f', tmp.file('petclinic-deploy-v2.yml', petclinicDeployment('1.0.1')));
    kubectl('rollout', 'status', '-n', 'lesson', 'deployment/petclinic', '--timeout=60s');
    command('history lesson/petclinic');
    await term.see(/^2 \(current\) .*spring2go\/spring-petclinic:1\.0\.1\.RELEASE/m, 30_000);
    expect(kubectl('rollout', 'undo', '-n', 'lesson', 'deployment/petclinic')).toBe('deployment.apps/petclinic rolled back\n');
    const history = await term.see(/^3 \(current\) .*spring2go\/spring-petclinic:1\.0\.0\.RELEASE/m, 30_000);
    expect(history).toMatch(/^2 .*spring-petclinic:1\.0\.1\.RELEASE/m);
    expect(history).not.toMatch(/^1 /m);
    command('q');
    await term.waitFor(() => term!.display('#{pane_dead}') === '1', 'kdash to exit');
  }, 180_000);

  it('a kubeconfig or context that cannot be used is reported and kdash exits with 2 before any screen', () => {
    const kdash = (args: string[], env: NodeJS.ProcessEnv = process.env) => {
      try {
        execFileSync(process.execPath, [join(ROOT, 'bin/kdash.js'), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env });
        return { status: 0, stderr: '' };
      } catch (e) { return e as { status?: number; stderr?: string }; }
    };
    expect(kdash(['--context', 'kind-kind', '--kubeconfig', kubeconfig])).toMatchObject({
      status: 2, stderr: `kdash: context "kind-kind" does not exist in ${kubeconfig}; available contexts: kdash-sim\n`,
    });
    const missing = join(tmp.dir, 'nope.yaml');
    expect(kdash(['--kubeconfig', missing])).toMatchObject({ status: 2, stderr: `kdash: the kubeconfig file "${missing}" does not exist\n` });
    expect(kdash([], { ...process.env, HOME: tmp.dir, KUBECONFIG: '' })).toMatchObject({
      status: 2, stderr: `kdash: no kubeconfig found: ${join(tmp.dir, '.kube', 'config')} does not exist and KUBECONFIG is not set; use --sim for the built-in simulator\n`,
    });
    // The served simulator's context, without the kubeconfig `kdash serve` wrote by default: where it is.
    const home = join(tmp.dir, 'home');
    mkdirSync(join(home, '.kube'), { recursive: true });
    copyFileSync(kubeconfig, join(home, '.kube', 'kdash-sim.yaml'));
    const served = join(home, '.kube', 'kdash-sim.yaml');
    expect(kdash(['--context', 'kdash-sim'], { ...process.env, HOME: home, KUBECONFIG: '' })).toMatchObject({
      status: 2,
      stderr: `kdash: no kubeconfig found: ${join(home, '.kube', 'config')} does not exist and KUBECONFIG is not set (kdash serve wrote its kubeconfig to ${served}: add --kubeconfig ${served})\n`,
    });
  });

  it('--sim never loads @kubernetes/client-node; --context does', async () => {
    const bundle = readFileSync(join(ROOT, 'dist/kdash.js'), 'utf8');
    expect(bundle).not.toMatch(/(^|[;\s])import\s*[^();]*?from\s*["']@kubernetes\/client-node["']/m);
    expect(bundle).toContain('__kdashImport("@kubernetes/client-node")');

    const log = join(tmp.dir, 'resolved.log');
    const hooks = tmp.file('hooks.mjs', `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  if (specifier.startsWith('@kubernetes/client-node')) appendFileSync(${JSON.stringify(log)}, specifier + '\\n');
  return next(specifier, context);
}
`);
    const register = tmp.file('register.mjs', `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${hooks}`)});\n`);
    const run = async (args: string, ready: RegExp) => {
      writeFileSync(log, '');
      term = new TmuxTerminal({ columns: 120, rows: 30 }).start(`node --import ${register} ${join(ROOT, 'bin/kdash.js')} ${args}`);
      await term.see(ready, 30_000);
      term.keys(':');
      term.type('q');
      term.keys('Enter');
      await term.waitFor(() => term!.display('#{pane_dead}') === '1', 'kdash to exit');
      term.kill();
      return readFileSync(log, 'utf8');
    };
    expect(await run('--sim', /Backend: sim/)).toBe('');
    expect(await run(`--context kdash-sim --kubeconfig ${kubeconfig}`, /Backend: live/)).toBe('@kubernetes/client-node\n');
  }, 90_000);
});
