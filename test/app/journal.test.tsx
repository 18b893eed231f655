import { afterEach, describe, expect, it } from 'vitest';
import type { Deployment, Service } from '../../backends/contract/types.js';
import type { Simulator } from '../../backends/sim/simulator.js';
import { Journal } from '../../src/ops/journal.js';
import { IMAGE, twoRevisions } from './historyFixture.js';
import { KEY, mount, type Mounted } from './harness.js';

let m: Mounted | undefined;
afterEach(() => { m?.unmount(); m = undefined; });

const CTRL_Z = '\x1a';


/** The dialog's text with its lines joined into sentences. */
const dialogText = (f: string) => f.split('\n').filter((l) => l.includes('│')).map((l) => l.replace(/^ *│ ?| *│$/g, '').trim()).join(' ');
const deployment = (sim: Simulator) => sim.api.tryGet('deployments', 'default', 'petclinic') as Deployment | undefined;

/** Presses the focused-on-Cancel dialog's other button. */
async function confirm() {
  await m!.press(KEY.tab, KEY.enter);
}

async function withService(sim: Simulator): Promise<Service> {
  return sim.backend.create('services', {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'petclinic', namespace: 'default' },
    spec: { type: 'NodePort', selector: { app: 'petclinic' }, ports: [{ port: 8080, targetPort: 8080, nodePort: 31080 }] },
  });
}

describe('ctrl-z undoes the last change kdash made, after asking', () => {
  it('a deleted Service comes back with its clusterIP and nodePort; a deleted Deployment is created again and rolls out', async () => {
    const sim = await twoRevisions();
    const svc = await withService(sim);
    m = mount(sim.backend, {}, sim);
    await m!.command('deploy', 'deployments(default)[1]');
    await m.press(KEY.ctrlD);
    await m.see('Delete deployment default/petclinic?');
    await confirm();
    await m.see('deployment.apps "petclinic" deleted');
    await m!.command('svc', 'services(default)[2]');
    await m.press('j', KEY.ctrlD);
    await m.see('Delete service default/petclinic?');
    await confirm();
    await m.see('service "petclinic" deleted');
    await m.waitFor(() => { sim.virtualClock.advance(500); return sim.api.list('pods', { namespace: 'default' }).items.length === 0; }, 'the pods to go');

    // Newest first: the Service.
    await m.press(CTRL_Z);
    let f = await m.see('Undo delete service default/petclinic (Background)?');
    expect(dialogText(f)).toContain('Creates service default/petclinic again from its last manifest, keeping its clusterIP and nodePorts where they are still free.');
    expect(dialogText(f)).toMatch(/\[ Cancel \] +\[ Undo \]/);
    await m.press(KEY.enter);
    await m.gone('Undo delete service');
    expect(sim.api.tryGet('services', 'default', 'petclinic')).toBeUndefined();
    await m.press(CTRL_Z);
    await m.see('Undo delete service default/petclinic (Background)?');
    await confirm();
    await m.see(`service/petclinic created (clusterIP ${svc.spec!.clusterIP} kept, nodePort 31080 kept)`);
    const back = sim.api.get('services', 'default', 'petclinic') as Service;
    expect(back.spec?.clusterIP).toBe(svc.spec!.clusterIP);
    expect(back.metadata?.uid).not.toBe(svc.metadata!.uid);

    await m.press(CTRL_Z);
    f = await m.see('Undo delete deployment default/petclinic (Background)?');
    expect(dialogText(f)).toContain('(its ReplicaSets and pods are created anew)');
    await confirm();
    await m.see('deployment.apps/petclinic created');
    await m.waitFor(() => { sim.virtualClock.advance(1000); return deployment(sim)?.status?.availableReplicas === 3; }, 'the new rollout', 20_000);
    const d = deployment(sim)!;
    expect(d.spec?.template.spec?.containers[0].image).toBe(IMAGE('1.0.1'));
    expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');

    // Nothing left.
    await m.press(CTRL_Z);
    await m.see('nothing to undo: kdash has made no change that is not undone yet');
  }, 60_000);

  it('a scale goes back to the previous replicas; a killed pod of a ReplicaSet cannot be undone and says why', async () => {
    const sim = await twoRevisions();
    m = mount(sim.backend, {}, sim);
    await m!.command('deploy', 'deployments(default)[1]');
    await m.press('s', KEY.backspace);
    await m.type('5');
    await m.press(KEY.enter);
    await m.see('deployment.apps/petclinic scaled');
    await m!.command('po', /pods\(default\)\[\d\]/);
    const pod = (await m.see(/^petclinic-\S+ +1\/1 +Running/m)).split('\n').find((l) => l.startsWith('petclinic-'))!.split(/ +/)[0];
    await m.press(KEY.ctrlK);
    await m.see(`Kill pod default/${pod}?`);
    await confirm();
    await m.see(`pod "${pod}" force deleted`);
    const owner = (sim.api.list('replicasets', { namespace: 'default' }).items.find((rs) => pod.startsWith(rs.metadata!.name!)))!.metadata!.name!;

    await m.press(CTRL_Z);
    await m.see(`cannot undo the kill: its ReplicaSet ${owner} replaces the pod`);
    // The next ctrl-z looks further back.
    await m.press(CTRL_Z);
    const f = await m.see('Undo scale deployment default/petclinic (3 → 5 replicas)?');
    expect(dialogText(f)).toContain('Scales deployment default/petclinic back to 3 replicas.');
    await confirm();
    await m.see('deployment.apps/petclinic scaled (back to 3 replicas)');
    expect(deployment(sim)?.spec?.replicas).toBe(3);
  }, 60_000);

  it('a rollout undo and a restart are undone by rolling back to the revision before them', async () => {
    const sim = await twoRevisions();
    m = mount(sim.backend, {}, sim);
    await m!.command('deploy', 'deployments(default)[1]');
    await m.press('u');
    await m.see('Roll back deployment default/petclinic to revision 1?');
    await confirm();
    await m.waitFor((f) => { sim.virtualClock.advance(200); return f.includes('rolled back to revision 1 (now revision 3)'); }, 'revision 3');

    await m.press(CTRL_Z);
    let f = await m.see('Undo rollout undo deployment default/petclinic (revision 2 → 1)?');
    expect(dialogText(f)).toContain('Rolls deployment default/petclinic back to its template before the rollout undo (revision 2 then).');
    await confirm();
    await m.waitFor((fr) => { sim.virtualClock.advance(200); return fr.includes('deployment.apps/petclinic rolled back to revision 2 (now revision 4)'); }, 'revision 4');
    expect(deployment(sim)?.spec?.template.spec?.containers[0].image).toBe(IMAGE('1.0.1'));

    await m.press('r');
    await m.see('Restart deployment default/petclinic?');
    await confirm();
    await m.see('deployment.apps/petclinic restarted');
    await m.waitFor(() => { sim.virtualClock.advance(500); return deployment(sim)?.metadata?.annotations?.['deployment.kubernetes.io/revision'] === '5'; }, 'the restart rollout');
    await m.press(CTRL_Z);
    await m.see('Undo restart deployment default/petclinic (from revision 4)?');
    await confirm();
    await m.waitFor((fr) => { sim.virtualClock.advance(200); return fr.includes('deployment.apps/petclinic rolled back to revision 4 (now revision 6)'); }, 'revision 6');
    expect(deployment(sim)?.spec?.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']).toBeUndefined();
  }, 60_000);
});

describe(':journal', () => {
  it('lists the changes newest first with whether each can be undone; enter undoes the selected one', async () => {
    const sim = await twoRevisions();
    const journal = new Journal(() => sim.clock.now());
    m = mount(sim.backend, { journal }, sim);
    await m!.command('deploy', 'deployments(default)[1]');
    await m.press('s', KEY.backspace);
    await m.type('4');
    await m.press(KEY.enter);
    await m.see('deployment.apps/petclinic scaled');
    await m!.command('po', /pods\(default\)\[\d\]/);
    await m.see(/^petclinic-\S+ +1\/1 +Running/m);
    await m.press(KEY.ctrlK);
    await m.see('Kill pod default/');
    await confirm();
    await m.see('force deleted');
    await m!.command('journal', 'journal');
    let f = await m.see(/^TIME +ACTION +OBJECT +CHANGE +UNDO/m);
    const rows = f.split('\n').slice(4, 6);
    expect(rows[0]).toMatch(/^\d\d:\d\d:\d\d +kill +pod default\/petclinic-[a-z0-9-]+ +cannot: its Rep/);
    expect(rows[1]).toMatch(/^\d\d:\d\d:\d\d +scale +deployment default\/petclinic +3 → 4 replicas +undoable$/);
    // The line under the table explains the selected entry.
    expect(f).toMatch(/^Cannot be undone: its ReplicaSet petclinic-\S+ replaces the pod\. *$/m);
    await m.press('j');
    await m.see('Scales deployment default/petclinic back to 3 replicas.');
    await m.press(KEY.enter);
    await m.see('Undo scale deployment default/petclinic (3 → 4 replicas)?');
    await confirm();
    f = await m.see(/scale +deployment default\/petclinic +3 → 4 replicas +undone$/m);
    expect(f).toMatch(/^Undone: deployment\.apps\/petclinic scaled \(back to 3 replicas\) *$/m);
    expect(deployment(sim)?.spec?.replicas).toBe(3);
    expect(journal.entries().map((e) => [e.action, e.state])).toEqual([['kill', 'recorded'], ['scale', 'undone']]);
    // An undone entry is not undone twice.
    await m.press(KEY.enter);
    await m.see('scale deployment default/petclinic (3 → 4 replicas) was already undone');
    await m.press('?');
    f = await m.see('Keys of this screen');
    expect(f).toMatch(/^ {2}enter +undo the selected change \(asks first\)$/m);
    expect(f).toMatch(/^ {2}ctrl-z +undo the selected change \(asks first\)$/m);
  }, 60_000);
});

