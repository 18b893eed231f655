import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../backends/sim/simulator.js';
import { resolveResource } from '../../backends/contract/resources.js';
import { isPodReady } from '../../backends/contract/podUtil.js';
import type { Pod } from '../../backends/contract/types.js';
import { applyFile } from '../helpers/applyFile.js';
import { petclinicPod } from '../helpers/petclinicManifests.js';
import { waitFor } from '../helpers/waitFor.js';

// Tutorial lesson 1: cluster, nodes, pods, containers (tutorial.md; kubernetes-behaviour.md §8).
describe('lesson 1: a fresh cluster and a first pod', () => {
  it('already holds the namespaces, the kubernetes Service and the control-plane and DNS pods', async () => {
    const sim = createSimulator();
    const b = sim.backend;
    const systemRunning = async () => {
      const pods = (await b.list('pods', { namespace: 'kube-system' })).items;
      return pods.length > 0 && pods.every((p) => p.status?.phase === 'Running' && isPodReady(p));
    };
    await waitFor(sim, systemRunning, { what: 'kube-system to be running', stepMs: 500 });

    const namespaces = (await b.list('namespaces')).items;
    for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
      const found = namespaces.find((n) => n.metadata!.name === ns);
      expect(found?.status?.phase, ns).toBe('Active');
      expect(found?.metadata!.labels).toMatchObject({ 'kubernetes.io/metadata.name': ns });
    }

    const kubernetes = await b.get('services', 'default', 'kubernetes');
    expect(kubernetes.spec!.type).toBe('ClusterIP');
    expect(kubernetes.spec!.clusterIP).toBe('10.96.0.1');
    expect(kubernetes.spec!.ports!.map((p) => `${p.port}/${p.protocol}`)).toEqual(['443/TCP']);
    const dns = await b.get('services', 'kube-system', 'kube-dns');
    expect(dns.spec!.clusterIP).toBe('10.96.0.10');

    const names = (await b.list('pods', { namespace: 'kube-system' })).items.map((p) => p.metadata!.name!);
    for (const c of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
      expect(names).toContain(`${c}-kind-control-plane`);
    }
    expect(names.filter((n) => /^coredns-[4-9bcdf]{1,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(n))).toHaveLength(2);
    // kube-proxy is a DaemonSet: one pod per node
    expect(names.filter((n) => /^kube-proxy-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(n))).toHaveLength(sim.ctx.layout.nodes.length);
    // nothing but the kubernetes Service in default
    expect((await b.list('pods', { namespace: 'default' })).items).toEqual([]);
    expect((await b.list('services', { namespace: 'default' })).items.map((s) => s.metadata!.name)).toEqual(['kubernetes']);
  });

  it('applies a pod manifest and the pod runs; pod, pods and po name the same resource', async () => {
    const sim = createSimulator();
    const b = sim.backend;
    expect(await applyFile(b, 'petclinic-pod.yml', petclinicPod)).toEqual(['pod/petclinic created']);
    const pod = async () => b.get(resolveResource('po')!.name, 'default', 'petclinic') as Promise<Pod>;
    await waitFor(sim, async () => { const p = await pod(); return p.status?.phase === 'Running' && isPodReady(p); }, { what: 'the pod to run' });
    for (const word of ['pod', 'pods', 'po']) {
      const r = resolveResource(word)!;
      expect(r.name).toBe('pods');
      expect((await b.get(r.name, 'default', 'petclinic')).metadata!.name).toBe('petclinic');
    }
    const p = await pod();
    expect(p.spec!.nodeName).toMatch(/^kind-worker2?$/); // the control-plane node is tainted NoSchedule
    expect(p.status!.containerStatuses![0]).toMatchObject({ name: 'petclinic', ready: true, restartCount: 0 });
    expect(p.status!.containerStatuses![0].state!.running).toBeDefined();
    expect(await applyFile(b, 'petclinic-pod.yml', petclinicPod)).toEqual(['pod/petclinic unchanged']);
  });
});
