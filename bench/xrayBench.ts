// The xray tree at 10,000 pods (100 Deployments × 1 ReplicaSet × 100 pods, synthetic objects):
// indexing the namespace's objects by controller with one Deployment's tree drawn; then the tree
// of all of them with one screen (25 lines) drawn.
import type { Deployment, Pod, ReplicaSet } from '../backends/contract/types.js';
import { byController, deploymentTree } from '../src/app/xray/xrayTree.js';
import { median, metric } from './machine.js';

const DEPLOYMENTS = 100;
const PODS = 100;
const NOW = Date.parse('2026-01-01T10:00:00Z');

function owner(kind: string, name: string, uid: string) {
  return [{ apiVersion: 'apps/v1', kind, name, uid, controller: true, blockOwnerDeletion: true }];
}

function objects() {
  const deployments: Deployment[] = [], replicaSets: ReplicaSet[] = [], pods: Pod[] = [];
  const t = '2026-01-01T09:00:00Z';
  for (let d = 0; d < DEPLOYMENTS; d++) {
    const labels = { app: `app-${d}` };
    const template = { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } };
    deployments.push({ metadata: { name: `app-${d}`, namespace: 'default', uid: `d-${d}`, creationTimestamp: t }, spec: { replicas: PODS, selector: { matchLabels: labels }, template }, status: { replicas: PODS, readyReplicas: PODS, updatedReplicas: PODS, availableReplicas: PODS } });
    replicaSets.push({ metadata: { name: `app-${d}-abc`, namespace: 'default', uid: `rs-${d}`, creationTimestamp: t, ownerReferences: owner('Deployment', `app-${d}`, `d-${d}`), annotations: { 'deployment.kubernetes.io/revision': '1' } }, spec: { replicas: PODS, selector: { matchLabels: labels }, template }, status: { replicas: PODS, readyReplicas: PODS } });
    for (let p = 0; p < PODS; p++) {
      pods.push({
        metadata: { name: `app-${d}-abc-${p}`, namespace: 'default', uid: `p-${d}-${p}`, creationTimestamp: t, ownerReferences: owner('ReplicaSet', `app-${d}-abc`, `rs-${d}`) },
        spec: { nodeName: 'kind-worker', containers: [{ name: 'app', image: 'nginx:1.27' }] },
        status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'app', image: 'nginx:1.27', imageID: '', ready: true, restartCount: 0, started: true, state: { running: { startedAt: t } } }] },
      });
    }
  }
  return { deployments, replicaSets, pods };
}

export function benchXray(): void {
  const { deployments, replicaSets, pods } = objects();
  const one: number[] = [], all: number[] = [];
  for (let i = 0; i < 15; i++) {
    let t = performance.now();
    const rsOf = byController(replicaSets), podsOf = byController(pods);
    deploymentTree(deployments[0], rsOf, podsOf, NOW).map((l) => l.text);
    one.push(performance.now() - t);
    t = performance.now();
    const lines = deployments.flatMap((d) => deploymentTree(d, rsOf, podsOf, NOW));
    // A screen draws about 25 lines: only those are read.
    const drawn = lines.slice(0, 25).map((l) => l.text).join('\n');
    all.push(performance.now() - t);
    if (lines.length !== DEPLOYMENTS * (PODS + 2) || !drawn.includes('pod/app-0-abc-0')) throw new Error(`xray bench: ${lines.length} lines`);
  }
  metric('dashboard_xray_10k_pods_one_deployment_ms', Math.round(median(one) * 10) / 10, 'ms');
  metric('dashboard_xray_10k_pods_all_deployments_ms', Math.round(median(all) * 10) / 10, 'ms');
}
