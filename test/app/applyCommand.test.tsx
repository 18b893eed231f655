import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator } from '../../backends/sim/simulator.js';
import { applyPath, completePath, expandHome } from '../../src/app/applyCommand.js';
import { Journal } from '../../src/ops/journal.js';
import { KEY, mount, type Mounted } from './harness.js';

let m: Mounted | undefined;
const dirs: string[] = [];
afterEach(() => {
  m?.unmount();
  m = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kdash-apply-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: petclinic
spec:
  replicas: 2
  selector:
    matchLabels:
      app: petclinic
  template:
    metadata:
      labels:
        app: petclinic
    spec:
      containers:
      - name: petclinic
        image: spring2go/spring-petclinic:1.0.0.RELEASE
`;
const service = (selectorKey: string) => `apiVersion: v1
kind: Service
metadata:
  name: petclinic
spec:
  type: NodePort
  ${selectorKey}:
    app: petclinic
  ports:
  - port: 8080
    nodePort: 31080
`;
const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: petclinic-config
data:
  TEST_CONFIG: test_config_v1
`;

function start(props = {}) {
  const sim = createSimulator();
  sim.virtualClock.advance(30_000);
  m = mount(sim.backend, props, sim);
  return sim;
}

async function apply(path: string) {
  await m!.press(':');
  await m!.type(`apply -f ${path}`);
  await m!.press(KEY.enter);
}

describe(':apply -f', () => {
  it('a folder: every manifest in name order, kubectl\'s created lines in the flash; again: unchanged / configured', async () => {
    const journal = new Journal();
    const sim = start({ journal });
    const dir = folder({ 'a-deploy.yaml': DEPLOYMENT, 'b-svc.yml': service('selector'), 'notes.txt': 'not a manifest' });
    await m!.see('No resources found in default namespace.');
    await apply(dir);
    await m!.see('deployment.apps/petclinic created, service/petclinic created');
    expect(sim.api.get('services', 'default', 'petclinic').metadata?.name).toBe('petclinic');
    expect(sim.api.get('deployments', 'default', 'petclinic').metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toContain('"replicas":2');
    writeFileSync(join(dir, 'a-deploy.yaml'), DEPLOYMENT.replace('replicas: 2', 'replicas: 3'));
    await apply(dir);
    await m!.see('deployment.apps/petclinic configured, service/petclinic unchanged');
    // Each change is in the undo journal, newest first; unchanged objects are not.
    expect(journal.entries().map((e) => `${e.action} ${e.target.resource}/${e.target.name} ${e.detail} ${e.undo.kind}`)).toEqual([
      'apply deployments/petclinic configured restore', 'apply services/petclinic created delete', 'apply deployments/petclinic created delete',
    ]);
  });

  it('more lines than the flash holds: a count in the flash, kubectl\'s lines in a text view', async () => {
    start();
    const dir = folder({ 'all.yaml': [CONFIGMAP, DEPLOYMENT, service('selector'), CONFIGMAP.replace('petclinic-config', 'petclinic-config-v2')].join('---\n') });
    await m!.see('No resources found in default namespace.');
    await apply(dir);
    const f = await m!.see('applied 4 objects: 4 created');
    expect(f.split('\n')[1].trim()).toBe(`pods > apply ${dir}`);
    expect(f.split('\n').slice(3, 7).map((l) => l.trim())).toEqual([
      'configmap/petclinic-config created', 'deployment.apps/petclinic created', 'service/petclinic created', 'configmap/petclinic-config-v2 created',
    ]);
    await m!.press(KEY.esc);
    await m!.gone('configmap/petclinic-config created');
  });

  it('one bad document applies nothing; the error names the file, the document and the field', async () => {
    const sim = start();
    const dir = folder({ 'a-config.yaml': CONFIGMAP, 'b-app.yaml': `${DEPLOYMENT}---\n${service('seletor')}` });
    await m!.see('No resources found in default namespace.');
    await apply(dir);
    const f = await m!.see(`apply failed in ${dir}/b-app.yaml, document 2 (Service petclinic), field spec.seletor; nothing was applied`.slice(0, 99));
    const text = f.split('\n').slice(3).map((l) => l.trimEnd()).join('');
    expect(text).toContain(`Error from server (BadRequest): error when creating "${dir}/b-app.yaml": Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.seletor"`);
    expect(text).toContain(`in ${dir}/b-app.yaml, document 2 (Service petclinic), field spec.seletor; nothing was applied`);
    expect(sim.api.tryGet('configmaps', 'default', 'petclinic-config')).toBeUndefined();
    expect(sim.api.tryGet('deployments', 'default', 'petclinic')).toBeUndefined();
  });

  it('a missing path, a missing -f, and read-only mode are refused', async () => {
    const sim = start();
    await m!.see('No resources found in default namespace.');
    await apply('/no/such/dir');
    await m!.see('error: the path "/no/such/dir" does not exist');
    await m!.press(':');
    await m!.type('apply');
    await m!.press(KEY.enter);
    await m!.see('usage: :apply -f FILE|FOLDER');
    m!.unmount();
    const dir = folder({ 'cm.yaml': CONFIGMAP });
    m = mount(sim.backend, { readonly: true }, sim);
    await m.see('No resources found in default namespace.');
    await apply(dir);
    await m.see('read-only mode: apply is disabled');
    expect(sim.api.tryGet('configmaps', 'default', 'petclinic-config')).toBeUndefined();
    await m.press('?');
    const help = await m.see('Keys of this screen');
    expect(help).not.toContain(':apply -f');
  });

  it('tab completes the path after -f', async () => {
    start();
    const dir = folder({ 'petclinic-svc.yaml': service('selector'), 'petclinic-deploy.yaml': DEPLOYMENT, 'mysql.yaml': CONFIGMAP });
    await m!.see('No resources found in default namespace.');
    await m!.press(':');
    await m!.type(`apply -f ${dir}/pe`);
    await m!.press(KEY.tab);
    let f = await m!.see(`:apply -f ${dir}/petclinic-█`);
    expect(f.split('\n').at(-1)).toContain('petclinic-deploy.yaml petclinic-svc.yaml');
    await m!.type('s');
    await m!.press(KEY.tab);
    f = await m!.see(`:apply -f ${dir}/petclinic-svc.yaml█`);
    await m!.press(KEY.enter);
    await m!.see('service/petclinic created');
  });
});

describe(':apply arguments', () => {
  it('reads -f PATH, -f=PATH, --filename PATH; expands ~; refuses anything else', () => {
    expect(applyPath(['-f', 'app.yaml'])).toEqual({ path: 'app.yaml' });
    expect(applyPath(['-f=dir/'])).toEqual({ path: 'dir/' });
    expect(applyPath(['--filename', 'x.yml'])).toEqual({ path: 'x.yml' });
    expect(applyPath(['app.yaml'])).toEqual({ error: 'usage: :apply -f FILE|FOLDER (unexpected "app.yaml")' });
    expect(applyPath(['-f'])).toEqual({ error: 'usage: :apply -f FILE|FOLDER (unexpected "-f")' });
    expect(expandHome('~/k8s/app.yaml', '/home/ada')).toBe('/home/ada/k8s/app.yaml');
    expect(expandHome('~', '/home/ada')).toBe('/home/ada');
    expect(expandHome('./~x', '/home/ada')).toBe('./~x');
  });

  it('completes paths relative to the working directory, folders with a slash, hidden files only when asked', () => {
    const dir = folder({ 'app.yaml': CONFIGMAP, '.hidden.yaml': CONFIGMAP });
    mkdirSync(join(dir, 'apps'));
    expect(completePath('a', dir)).toEqual(['app.yaml', 'apps/']);
    expect(completePath('apps/', dir)).toEqual([]);
    expect(completePath('.h', dir)).toEqual(['.hidden.yaml']);
    expect(completePath(`${dir}/app.`, '/')).toEqual([`${dir}/app.yaml`]);
  });
});
