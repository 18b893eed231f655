// The undo journal unchanged over LiveBackend (@kubernetes/client-node), against the simulated
// control plane served over HTTP: what the dashboard records and undoes on a real cluster.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deployment, KubeObject } from '../../backends/contract/types.js';
import { Journal } from '../../src/ops/journal.js';
import { deleteAndRecord, rolloutUndoAndRecord } from '../../src/ops/journaledOps.js';
import { undoJournalEntry } from '../../src/ops/journalUndo.js';
import { watchRevisionChange } from '../../src/ops/revisionWatch.js';
import { rolloutStatus } from '../../src/ops/rolloutStatus.js';
import { eventually, servedCluster, type ServedCluster } from '../live/support.js';

let c: ServedCluster;
beforeAll(async () => { c = await servedCluster({ speed: 40 }); });
afterAll(async () => { await c?.close(); });

const deployment = (image: string): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 2, selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } },
  },
});

const rolledOut = () => eventually(async () => (await rolloutStatus(c.backend, 'default', 'web')).done, 'the rollout to finish', 30_000);

describe('the journal over LiveBackend', () => {
  it('a deleted Service comes back with its clusterIP and nodePort', async () => {
    const b = c.backend, j = new Journal();
    const svc = await b.create('services', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30080 }] },
    });
    expect(await deleteAndRecord(b, j, 'services', 'default', 'web')).toBe('service "web" deleted');
    const out = await undoJournalEntry(b, j, j.next()!.id);
    expect(out.message).toBe(`service/web created (clusterIP ${svc.spec!.clusterIP} kept, nodePort 30080 kept)`);
    expect((await b.get('services', 'default', 'web')).spec?.clusterIP).toBe(svc.spec!.clusterIP);
  });

  it('a rollout undo is undone by rolling back again, and the new revision number is followed over a watch', async () => {
    const b = c.backend, j = new Journal();
    await b.create('deployments', deployment('nginx:1.25'));
    await rolledOut();
    await b.patch('deployments', 'default', 'web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } } } });
    await rolledOut();
    const r = await rolloutUndoAndRecord(b, j, 'default', 'web', 1);
    expect(r.message).toBe('deployment.apps/web rolled back');
    const seen: number[] = [];
    const w = watchRevisionChange(b, 'default', 'web', 2, (rev) => seen.push(rev));
    await eventually(() => seen.length > 0, 'revision 3');
    w.stop();
    expect(seen).toEqual([3]);
    await rolledOut();

    const out = await undoJournalEntry(b, j, j.next()!.id);
    expect(out).toEqual({ message: 'deployment.apps/web rolled back to revision 2', rollback: { namespace: 'default', name: 'web', fromRevision: 3, toRevision: 2 } });
    await eventually(async () => (await b.get('deployments', 'default', 'web')).metadata?.annotations?.['deployment.kubernetes.io/revision'] === '4', 'revision 4');
    expect((await b.get('deployments', 'default', 'web') as Deployment).spec?.template.spec?.containers[0].image).toBe('nginx:1.26');
  }, 60_000);
});
