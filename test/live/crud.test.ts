// LiveBackend with the real client-node against the simulator served over HTTP: every resource
// in RESOURCES goes through list, watch, get, create, update, the three patch types and delete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchEvent } from '../../backends/contract/backend.js';
import { isStatusError } from '../../backends/contract/errors.js';
import { RESOURCES, type ResourceName } from '../../backends/contract/resources.js';
import type { KubeObject } from '../../backends/contract/types.js';
import { formatError } from '../../src/ops/errors.js';
import { eventually, servedCluster, type ServedCluster } from './support.js';

let c: ServedCluster;
beforeAll(async () => { c = await servedCluster(); });
afterAll(async () => { await c?.close(); });

const labels = { crud: 'yes' };
const FIXTURES: Record<ResourceName, KubeObject> = {
  pods: { metadata: { name: 'crud-pod', labels }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } },
  services: { metadata: { name: 'crud-svc', labels }, spec: { ports: [{ port: 80 }], selector: { app: 'crud' } } },
  endpoints: { metadata: { name: 'crud-ep', labels }, subsets: [] },
  configmaps: { metadata: { name: 'crud-cm', labels }, data: { KEY: 'v1' } },
  secrets: { metadata: { name: 'crud-secret', labels }, stringData: { password: 'root' } },
  namespaces: { metadata: { name: 'crud-ns', labels } },
  nodes: { metadata: { name: 'crud-node', labels } },
  events: {
    metadata: { name: 'crud-event', labels }, involvedObject: { kind: 'Pod', name: 'crud-pod', namespace: 'default' },
    reason: 'Testing', message: 'hello', type: 'Normal', source: { component: 'kdash-test' },
  },
  serviceaccounts: { metadata: { name: 'crud-sa', labels } },
  replicasets: {
    metadata: { name: 'crud-rs', labels },
    spec: { replicas: 0, selector: { matchLabels: { app: 'crud-rs' } }, template: { metadata: { labels: { app: 'crud-rs' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } } },
  },
  deployments: {
    metadata: { name: 'crud-deploy', labels },
    spec: { replicas: 0, selector: { matchLabels: { app: 'crud-deploy' } }, template: { metadata: { labels: { app: 'crud-deploy' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } } },
  },
  endpointslices: { metadata: { name: 'crud-slice', labels }, addressType: 'IPv4', endpoints: [], ports: [] },
};

describe('LiveBackend on the served simulator: every resource', () => {
  it('identity names the context, cluster, server, version and namespace', async () => {
    expect(await c.backend.identity()).toEqual({
      context: 'kdash-sim', cluster: 'kdash-sim', server: c.server.url, version: 'v1.33.1', namespace: 'default', backend: 'live',
    });
    expect(c.backend.capabilities).toEqual({ logs: 'real', traffic: false, faults: false });
  });

  it('writes are strict, as kubectl\'s: an unknown field is refused and nothing is created', async () => {
    const e = await c.backend.create('services', { metadata: { name: 'typo' }, spec: { ports: [{ port: 80 }], seletor: { app: 'x' } } }).catch((x: unknown) => x);
    expect(formatError(e)).toBe('Error from server (BadRequest): Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.seletor"');
    await expect(c.backend.get('services', 'default', 'typo')).rejects.toMatchObject({ status: { reason: 'NotFound' } });
  });

  for (const resource of Object.keys(FIXTURES) as ResourceName[]) {
    it(`${resource}: create, get, list, watch, patch (json, merge, strategic), update, delete`, async () => {
      const r = RESOURCES[resource];
      const b = c.backend;
      const ns = r.namespaced ? 'default' : undefined;
      const fixture = FIXTURES[resource];
      const name = fixture.metadata!.name!;

      const before = await b.list(resource, { namespace: ns, labelSelector: 'crud=yes' });
      expect(before.items).toEqual([]);
      const events: WatchEvent<KubeObject>[] = [];
      const errors: unknown[] = [];
      const w = b.watch(resource, { namespace: ns, labelSelector: 'crud=yes', resourceVersion: before.resourceVersion }, {
        onEvent: (e) => events.push(e as WatchEvent<KubeObject>), onExpired: () => errors.push('expired'), onError: (e) => errors.push(e),
      });
      try {
        const created = await b.create(resource, fixture) as KubeObject;
        expect(created.metadata?.uid).toMatch(/.+/);
        expect(created.metadata?.namespace).toBe(ns);
        expect([created.apiVersion, created.kind]).toEqual([r.group ? `${r.group}/${r.version}` : r.version, r.kind]);
        await expect(b.create(resource, fixture)).rejects.toMatchObject({ status: { reason: 'AlreadyExists', code: 409 } });

        const got = await b.get(resource, ns, name) as KubeObject;
        expect(got.metadata?.uid).toBe(created.metadata?.uid);
        const listed = await b.list(resource, { namespace: ns, labelSelector: 'crud=yes' });
        expect(listed.items.map((o) => [o.kind, o.apiVersion, o.metadata?.name])).toEqual([[r.kind, got.apiVersion, name]]);
        expect(Number(listed.resourceVersion)).toBeGreaterThanOrEqual(Number(created.metadata?.resourceVersion));

        const j = await b.patch(resource, ns, name, 'json', [{ op: 'add', path: '/metadata/labels/json', value: 'j' }]) as KubeObject;
        expect(j.metadata?.labels).toMatchObject({ crud: 'yes', json: 'j' });
        const m = await b.patch(resource, ns, name, 'merge', { metadata: { labels: { merge: 'm', json: null } } }) as KubeObject;
        expect(m.metadata?.labels).toMatchObject({ crud: 'yes', merge: 'm' });
        expect(m.metadata?.labels).not.toHaveProperty('json');
        const s = await b.patch(resource, ns, name, 'strategic', { metadata: { annotations: { strategic: 's' } } }) as KubeObject;
        expect(s.metadata?.annotations).toMatchObject({ strategic: 's' });

        const updated = await b.update(resource, { ...s, metadata: { ...s.metadata, labels: { ...s.metadata?.labels, put: 'p' } } }) as KubeObject;
        expect(updated.metadata?.labels?.put).toBe('p');
        // A stale resourceVersion is a Conflict with the server's message.
        const stale = await b.update(resource, { ...s, metadata: { ...s.metadata, labels: { stale: 'x' } } }).catch((e: unknown) => e);
        expect(isStatusError(stale, 'Conflict') && stale.message).toBe(
          `Operation cannot be fulfilled on ${r.group ? `${r.name}.${r.group}` : r.name} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
        );

        const gone = await b.delete(resource, ns, name, { propagationPolicy: 'Background', gracePeriodSeconds: 0 }) as KubeObject;
        // A Success Status, the object marked for deletion, or (pods) the deleted object itself.
        expect(gone.kind === 'Status' ? gone.status : gone.metadata?.uid).toBe(gone.kind === 'Status' ? 'Success' : created.metadata?.uid);
        await eventually(() => events.some((e) => e.type === 'DELETED'), `${resource} DELETED event`, 20_000);
        // Controllers may change the object too (status, scheduling): more MODIFIED events are fine.
        const types = events.filter((e) => e.type !== 'BOOKMARK').map((e) => e.type);
        expect(types[0]).toBe('ADDED');
        expect(types.at(-1)).toBe('DELETED');
        expect(types.slice(1, -1).every((t) => t === 'MODIFIED') && types.length >= 6).toBe(true);
        await eventually(async () => (await b.get(resource, ns, name).catch((e: unknown) => e)) instanceof Error, `${resource} gone`, 20_000);
        await expect(b.get(resource, ns, name)).rejects.toMatchObject({
          message: `${r.group ? `${r.name}.${r.group}` : r.name} "${name}" not found`, status: { reason: 'NotFound', code: 404 },
        });
        expect(errors).toEqual([]);
      } finally {
        w.stop();
      }
    });
  }
});
