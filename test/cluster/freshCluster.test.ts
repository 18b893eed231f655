import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../backends/sim/simulator.js';
import { network } from '../../backends/sim/network/index.js';
import { freshCluster } from '../../backends/sim/cluster/freshCluster.js';
import type { Component } from '../../backends/sim/context.js';
import type { ConfigMap, Deployment, KubeObject, Pod, Service } from '../../backends/contract/types.js';

/** Node objects as a kubelet registers them (only what the fresh cluster reads). */
const nodes: Component = ({ api, layout }) => {
  layout.nodes.forEach((name, i) => api.create('nodes', {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(i === 0 ? { 'node-role.kubernetes.io/control-plane': '' } : {}) } },
    spec: { podCIDR: `10.244.${i}.0/24` },
    status: { addresses: [{ type: 'InternalIP', address: `172.18.0.${i + 2}` }, { type: 'Hostname', address: name }] },
  } as KubeObject));
};

function cluster(withNodes = true) {
  const sim = createSimulator({ components: withNodes ? [network, freshCluster, nodes] : [network, freshCluster] });
  sim.virtualClock.advance(1000);
  return sim;
}

const names = (items: KubeObject[]) => items.map((o) => o.metadata!.name!);

describe('a fresh kind cluster', () => {
  it('has the kind namespaces, Active and labelled with their names', () => {
    const sim = cluster();
    const ns = sim.api.list('namespaces').items;
    expect(names(ns)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system', 'local-path-storage']);
    for (const n of ns) {
      expect(n.metadata!.labels).toEqual({ 'kubernetes.io/metadata.name': n.metadata!.name });
      expect((n.status as { phase: string }).phase).toBe('Active');
    }
  });

  it('gives every namespace, also one created later, a default ServiceAccount and kube-root-ca.crt, and puts them back', () => {
    const sim = cluster();
    sim.api.create('namespaces', { metadata: { name: 'shop' }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    sim.virtualClock.advance(1000);
    for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'local-path-storage', 'shop']) {
      expect(sim.api.tryGet('serviceaccounts', ns, 'default'), ns).toBeDefined();
      const cm = sim.api.get('configmaps', ns, 'kube-root-ca.crt') as ConfigMap;
      expect(Object.keys(cm.data!)).toEqual(['ca.crt']);
      expect(cm.data!['ca.crt']).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/);
    }
    expect(names(sim.api.list('configmaps', { namespace: 'shop' }).items)).toEqual(['kube-root-ca.crt']);
    expect(sim.api.list('secrets', { namespace: 'default' }).items).toEqual([]);
    const ca = (sim.api.get('configmaps', 'shop', 'kube-root-ca.crt') as ConfigMap).data!['ca.crt'];
    sim.api.delete('serviceaccounts', 'shop', 'default');
    sim.api.patch('configmaps', 'shop', 'kube-root-ca.crt', 'merge', { data: { 'ca.crt': 'edited' } });
    sim.virtualClock.advance(1000);
    expect(sim.api.tryGet('serviceaccounts', 'shop', 'default')).toBeDefined();
    expect((sim.api.get('configmaps', 'shop', 'kube-root-ca.crt') as ConfigMap).data!['ca.crt']).toBe(ca);
  });

  it('runs CoreDNS behind kube-dns at 10.96.0.10, and the kubernetes Service at 10.96.0.1', () => {
    const sim = cluster();
    const dns = sim.api.get('services', 'kube-system', 'kube-dns') as Service;
    expect(dns.spec!.clusterIP).toBe('10.96.0.10');
    expect(dns.spec!.selector).toEqual({ 'k8s-app': 'kube-dns' });
    expect(dns.spec!.ports!.map((p) => `${p.name} ${p.port}/${p.protocol}`)).toEqual(['dns 53/UDP', 'dns-tcp 53/TCP', 'metrics 9153/TCP']);
    expect(dns.metadata!.labels).toEqual({ 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' });
    const coredns = sim.api.get('deployments', 'kube-system', 'coredns') as Deployment;
    expect(coredns.spec!.replicas).toBe(2);
    expect(coredns.spec!.template.spec!.containers[0].image).toBe('registry.k8s.io/coredns/coredns:v1.12.0');
    expect((sim.api.get('configmaps', 'kube-system', 'coredns') as ConfigMap).data!.Corefile).toContain('kubernetes cluster.local in-addr.arpa ip6.arpa {');
    expect((sim.api.get('services', 'default', 'kubernetes') as Service).spec!.clusterIP).toBe('10.96.0.1');
    expect(names(sim.api.list('services').items)).toEqual(['kubernetes', 'kube-dns']);
    expect(names(sim.api.list('configmaps', { namespace: 'kube-system' }).items)).toEqual([
      'coredns', 'extension-apiserver-authentication', 'kube-apiserver-legacy-service-account-token-tracking', 'kube-proxy',
      'kube-root-ca.crt', 'kubeadm-config', 'kubelet-config',
    ]);
    expect(sim.api.tryGet('deployments', 'local-path-storage', 'local-path-provisioner')).toBeDefined();
  });

  it('puts the control plane static pods on the control-plane node and kube-proxy and kindnet on every node', () => {
    const sim = cluster();
    const pods = sim.api.list('pods', { namespace: 'kube-system' }).items as Pod[];
    const cp = sim.api.get('nodes', undefined, 'kind-control-plane');
    for (const c of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
      const p = pods.find((x) => x.metadata!.name === `${c}-kind-control-plane`)!;
      expect(p, c).toBeDefined();
      expect(p.metadata!.labels).toEqual({ component: c, tier: 'control-plane' });
      expect(p.metadata!.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'kind-control-plane', uid: cp.metadata!.uid, controller: true }]);
      expect(p.metadata!.annotations!['kubernetes.io/config.mirror']).toMatch(/^[0-9a-f]{32}$/);
      expect(p.spec!.nodeName).toBe('kind-control-plane');
      expect(p.spec!.hostNetwork).toBe(true);
    }
    for (const ds of ['kube-proxy', 'kindnet']) {
      const mine = pods.filter((p) => p.metadata!.ownerReferences?.[0].kind === 'DaemonSet' && p.metadata!.ownerReferences[0].name === ds);
      expect(mine.map((p) => p.spec!.nodeName).sort()).toEqual(['kind-control-plane', 'kind-worker', 'kind-worker2']);
      for (const p of mine) expect(p.metadata!.name).toMatch(new RegExp(`^${ds}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    }
    expect(pods.filter((p) => p.spec!.nodeName === 'kind-worker').map((p) => p.metadata!.labels!['k8s-app']).sort()).toEqual(['kindnet', 'kube-proxy']);
  });

  it('replaces a deleted kube-proxy pod under a new name and recreates a deleted mirror pod under its own', () => {
    const sim = cluster();
    const proxyOn = (node: string) => (sim.api.list('pods', { namespace: 'kube-system', labelSelector: 'k8s-app=kube-proxy' }).items as Pod[]).filter((p) => p.spec!.nodeName === node);
    const old = proxyOn('kind-worker')[0].metadata!.name!;
    sim.api.delete('pods', 'kube-system', old, { gracePeriodSeconds: 0 });
    sim.virtualClock.advance(1000);
    expect(proxyOn('kind-worker').map((p) => p.metadata!.name)).toEqual([expect.not.stringMatching(old)]);
    const uid = sim.api.get('pods', 'kube-system', 'etcd-kind-control-plane').metadata!.uid;
    sim.api.delete('pods', 'kube-system', 'etcd-kind-control-plane', { gracePeriodSeconds: 0 });
    sim.virtualClock.advance(3000);
    expect(sim.api.get('pods', 'kube-system', 'etcd-kind-control-plane').metadata!.uid).not.toBe(uid);
  });

  it('creates no node pods before the nodes register', () => {
    const sim = cluster(false);
    expect(sim.api.list('pods').items).toEqual([]);
  });

  it('comes up on the default components with every pod Running and Ready, and no warning on the way', () => {
    const sim = createSimulator();
    const ready = () => (sim.api.list('pods').items as Pod[]).filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
    const took = sim.virtualClock.advanceUntil(() => ready().length === 13, 120_000, 100);
    expect(took).toBeLessThan(60_000);
    expect(ready().map((p) => p.metadata!.namespace).sort()).toEqual([...Array(12).fill('kube-system'), 'local-path-storage']);
    const warnings = sim.api.list('events').items.filter((e) => (e as { type?: string }).type === 'Warning');
    expect(warnings.map((e) => (e as { message?: string }).message)).toEqual([]);
    // CoreDNS pods use the pod network; host-network pods the node's address.
    const pods = sim.api.list('pods', { namespace: 'kube-system' }).items as Pod[];
    for (const p of pods) {
      if (p.metadata!.labels!['k8s-app'] === 'kube-dns') expect(p.status!.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
      else expect(p.status!.podIP).toBe(p.status!.hostIP);
    }
    // The kubernetes Service leads to the apiserver on the control-plane node.
    expect(sim.ctx.traffic!.request('https://kubernetes.default/version')).toMatchObject({
      ok: true, service: { namespace: 'default', name: 'kubernetes' }, pod: { name: 'kube-apiserver-kind-control-plane', ip: '172.18.0.2' },
    });
  });
});
