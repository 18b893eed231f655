import { describe, expect, it } from 'vitest';
import type { Deployment, KubeObject, Pod, Service } from '../../backends/contract/types.js';
import { createSimulator } from '../../backends/sim/simulator.js';
import { formatError } from '../../src/ops/errors.js';
import { Journal, entryLabel, undoDescription } from '../../src/ops/journal.js';
import { deleteAndRecord, deletePlan, recordChange, rolloutUndoAndRecord, scaleAndRecord } from '../../src/ops/journaledOps.js';
import { undoJournalEntry } from '../../src/ops/journalUndo.js';
import { unifiedDiff } from '../../src/render/lineDiff.js';
import { createDeployment, createOwnedReplicaSet, setDeploymentRevision } from '../helpers/deploymentFixtures.js';
import { newSim } from '../helpers/sim.js';

const service = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', labels: { app: name } },
  spec: { type: 'NodePort', selector: { app: name }, ports: [{ port: 8080, targetPort: 8080, nodePort: 31080 }], ...extra },
});

async function failure(p: Promise<unknown>): Promise<string> {
  try { await p; } catch (e) { return formatError(e); }
  throw new Error('expected a failure');
}

describe('the journal', () => {
  it('lists entries newest first; ctrl-z takes the newest not undone nor passed; listeners hear every change', () => {
    let t = 1000;
    const j = new Journal(() => t);
    let heard = 0;
    const off = j.subscribe(() => { heard++; });
    const a = j.record({ action: 'scale', target: { resource: 'deployments', namespace: 'default', name: 'web' }, detail: '3 → 5 replicas', undo: { kind: 'scale', replicas: 3 } });
    t = 2000;
    const b = j.record({ action: 'kill', target: { resource: 'pods', namespace: 'default', name: 'web-1' }, undo: { kind: 'impossible', reason: 'its ReplicaSet web-6b5 replaces the pod' } });
    expect(j.entries().map((e) => [e.id, e.at])).toEqual([[b.id, 2000], [a.id, 1000]]);
    expect(entryLabel(a)).toBe('scale deployment default/web (3 → 5 replicas)');
    expect(undoDescription(a)).toBe('Scales deployment default/web back to 3 replicas.');
    expect(undoDescription(b)).toBe('Cannot be undone: its ReplicaSet web-6b5 replaces the pod.');
    expect(j.next()?.id).toBe(b.id);
    j.pass(b.id);
    expect(j.next()?.id).toBe(a.id);
    j.markUndone(a.id, 'deployment.apps/web scaled (back to 3 replicas)');
    expect(j.next()).toBeUndefined();
    expect(j.get(a.id)).toMatchObject({ state: 'undone', result: 'deployment.apps/web scaled (back to 3 replicas)' });
    expect(heard).toBe(4);
    off();
    j.record({ action: 'delete', target: { resource: 'configmaps', namespace: 'default', name: 'c' }, undo: { kind: 'delete' } });
    expect(heard).toBe(4);
  });
});

describe('what a delete keeps to undo it', () => {
  it('a manifest without server-set fields; a Service keeps its clusterIP and nodePort; a Deployment loses its revision', async () => {
    const sim = createSimulator();
    const svc = await sim.backend.create('services', service('petclinic'));
    const plan = deletePlan('services', svc);
    expect(plan.kind).toBe('recreate');
    const m = (plan as { manifest: Service }).manifest;
    expect(m.metadata).toEqual({ name: 'petclinic', namespace: 'default', labels: { app: 'petclinic' } });
    expect(m.status).toBeUndefined();
    expect(m.spec?.clusterIP).toBe(svc.spec!.clusterIP);
    expect(m.spec?.ports?.[0].nodePort).toBe(31080);

    createDeployment(sim.api, 'web', 'nginx:1.25', { annotations: { 'kubernetes.io/change-cause': 'first' } });
    const withRevision = setDeploymentRevision(sim.api, 'web', 4);
    const dm = (deletePlan('deployments', withRevision) as { manifest: Deployment }).manifest;
    expect(dm.metadata?.annotations).toEqual({ 'kubernetes.io/change-cause': 'first' });
    expect(dm.metadata?.uid).toBeUndefined();
    expect(dm.spec?.template.spec?.containers[0].image).toBe('nginx:1.25');
  });

  it('a pod of a controller, a namespace and the kubernetes Service cannot be undone, and say why', () => {
    const owned = { metadata: { name: 'web-6b5-x', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-6b5', uid: 'u', controller: true }] } } as Pod;
    expect(deletePlan('pods', owned)).toEqual({ kind: 'impossible', reason: 'its ReplicaSet web-6b5 replaces the pod' });
    expect(deletePlan('namespaces', { metadata: { name: 'dev' } })).toEqual({ kind: 'impossible', reason: 'deleting namespace dev deleted everything in it; the journal kept only the namespace itself' });
    expect(deletePlan('services', { metadata: { name: 'kubernetes', namespace: 'default' } })).toEqual({ kind: 'impossible', reason: 'the API server creates the kubernetes Service again by itself' });
  });
});

describe('undoing entries over the Backend contract', () => {
  it('a deleted Service whose clusterIP was taken meanwhile gets a new one and keeps its free nodePort', async () => {
    const sim = createSimulator();
    const b = sim.backend, j = new Journal();
    const svc = await b.create('services', service('petclinic'));
    await deleteAndRecord(b, j, 'services', 'default', 'petclinic');
    await b.create('services', { ...service('other', { type: 'ClusterIP', clusterIP: svc.spec!.clusterIP, ports: [{ port: 80 }] }) });
    const out = await undoJournalEntry(b, j, j.next()!.id);
    const back = await b.get('services', 'default', 'petclinic');
    expect(out.message).toBe(`service/petclinic created (clusterIP ${svc.spec!.clusterIP} is taken: a new one is allocated, nodePort 31080 kept)`);
    expect(back.spec?.clusterIP).not.toBe(svc.spec!.clusterIP);
    expect(back.spec?.ports?.[0].nodePort).toBe(31080);
    expect(j.entries()[0].state).toBe('undone');
    expect(await failure(undoJournalEntry(b, j, j.entries()[0].id))).toBe('error: delete service default/petclinic (Background) was already undone');
  });

  it('an object still being deleted is not re-created yet', async () => {
    const sim = newSim([]);
    const b = sim.backend, j = new Journal();
    await b.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', namespace: 'default', finalizers: ['example.com/hold'] }, data: { k: 'v' } });
    await deleteAndRecord(b, j, 'configmaps', 'default', 'held');
    // A finalizer keeps it until its controller removes the finalizer.
    expect((await b.get('configmaps', 'default', 'held')).metadata?.deletionTimestamp).toBeDefined();
    expect(await failure(undoJournalEntry(b, j, j.next()!.id))).toBe('error: configmap default/held is still being deleted: undo again once it is gone');
    expect(j.next()?.state).toBe('recorded');
  });

  it('an edit (a Service selector) is restored; a re-created namesake is left alone; an applied new object is deleted', async () => {
    const sim = createSimulator();
    const b = sim.backend, j = new Journal();
    const before = await b.create('services', service('petclinic', { selector: { app: 'petclinic', version: 'v1.0.0' } }));
    const after = await b.patch('services', 'default', 'petclinic', 'merge', { spec: { selector: { version: 'v1.0.1' } } });
    recordChange(j, 'edit', 'services', before, after);
    expect(entryLabel(j.next()!)).toBe('edit service default/petclinic (configured)');
    const out = await undoJournalEntry(b, j, j.next()!.id);
    expect(out.message).toBe('service/petclinic restored');
    expect((await b.get('services', 'default', 'petclinic')).spec?.selector).toEqual({ app: 'petclinic', version: 'v1.0.0' });

    // Edited, then deleted and created again by someone else: the undo refuses.
    const edited = await b.patch('services', 'default', 'petclinic', 'merge', { spec: { selector: { version: 'v2' } } });
    recordChange(j, 'edit', 'services', before, edited);
    await b.delete('services', 'default', 'petclinic');
    await b.create('services', service('petclinic'));
    expect(await failure(undoJournalEntry(b, j, j.next()!.id))).toBe('error: service default/petclinic was deleted and created again since: it is not the object that was changed');

    const cm = await b.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'petclinic-config', namespace: 'default' }, data: { TEST_CONFIG: 'v1' } });
    recordChange(j, 'apply', 'configmaps', undefined, cm);
    expect(undoDescription(j.next()!)).toBe('Deletes configmap default/petclinic-config, which the apply created.');
    expect((await undoJournalEntry(b, j, j.next()!.id)).message).toBe('configmap "petclinic-config" deleted');
    expect(await failure(b.get('configmaps', 'default', 'petclinic-config'))).toBe('Error from server (NotFound): configmaps "petclinic-config" not found');
  });

  it('a scale is undone to the replicas before; a rollout undo to the template before, found again by its template', async () => {
    const sim = newSim([]);
    const b = sim.backend, j = new Journal();
    const d = createDeployment(sim.api, 'web', 'nginx:1.2');
    createOwnedReplicaSet(sim.api, d, '6b5', 'nginx:1.1', 1);
    createOwnedReplicaSet(sim.api, d, '7c6', 'nginx:1.2', 2, { replicas: 3 });
    setDeploymentRevision(sim.api, 'web', 2);
    await scaleAndRecord(b, j, 'deployments', 'default', 'web', 5);
    expect((await undoJournalEntry(b, j, j.next()!.id)).message).toBe('deployment.apps/web scaled (back to 3 replicas)');
    expect((await b.get('deployments', 'default', 'web')).spec?.replicas).toBe(3);

    const r = await rolloutUndoAndRecord(b, j, 'default', 'web', 1);
    expect(r).toMatchObject({ message: 'deployment.apps/web rolled back', fromRevision: 2, toRevision: 1 });
    expect(entryLabel(j.next()!)).toBe('rollout undo deployment default/web (revision 2 → 1)');
    // No controller runs here: the template is restored, its ReplicaSet (revision 2) found by template.
    const out = await undoJournalEntry(b, j, j.next()!.id);
    expect(out).toEqual({ message: 'deployment.apps/web rolled back to revision 2', rollback: { namespace: 'default', name: 'web', fromRevision: 2, toRevision: 2 } });
    expect((await b.get('deployments', 'default', 'web')).spec?.template.spec?.containers[0].image).toBe('nginx:1.2');

    // A skipped rollback changed nothing and is not recorded.
    const before = j.entries().length;
    expect((await rolloutUndoAndRecord(b, j, 'default', 'web', 2)).message).toBe('deployment.apps/web skipped rollback (current template already matches revision 2)');
    expect(j.entries()).toHaveLength(before);

    // The revision before a change is gone from the history: the undo says so.
    await rolloutUndoAndRecord(b, j, 'default', 'web', 1);
    sim.api.delete('replicasets', 'default', 'web-7c6');
    expect(await failure(undoJournalEntry(b, j, j.next()!.id))).toBe('error: the template of revision 2 is no longer in the history of deployment "web" (its ReplicaSet was deleted)');
  });
});

describe('the unified line diff', () => {
  it('prints hunks with 3 lines of context, removed lines before added ones', () => {
    const a = 'abcdefghijklmno'.split('');
    const b = 'abcdEfghijklmnop'.split('');
    expect(unifiedDiff(a, b, { from: 'old', to: 'new' })).toEqual([
      '--- old', '+++ new',
      '@@ -2,7 +2,7 @@', ' b', ' c', ' d', '-e', '+E', ' f', ' g', ' h',
      '@@ -13,3 +13,4 @@', ' m', ' n', ' o', '+p',
    ]);
  });

  it('merges close changes into one hunk and shows nothing but the headers for equal texts', () => {
    expect(unifiedDiff(['x', 'y', 'z'], ['x', 'Y', 'z', 'w'], { from: 'a', to: 'b' })).toEqual([
      '--- a', '+++ b', '@@ -1,3 +1,4 @@', ' x', '-y', '+Y', ' z', '+w',
    ]);
    expect(unifiedDiff(['same'], ['same'], { from: 'a', to: 'b' })).toEqual(['--- a', '+++ b']);
    expect(unifiedDiff([], ['new'], { from: 'a', to: 'b' })).toEqual(['--- a', '+++ b', '@@ -0,0 +1,1 @@', '+new']);
  });
});
