// After a rollback the deployment controller gives the restored ReplicaSet a new revision number
// (kubernetes-behaviour.md §1.4); this follows the Deployment until its revision annotation moves.
import type { Backend, Watch } from '../../backends/contract/backend.js';
import { REVISION_ANNOTATION } from '../../backends/contract/deploymentUtil.js';
import type { Deployment } from '../../backends/contract/types.js';

/** Calls `onRevision` once with the Deployment's first revision other than `from`; stop() ends the watch. */
export function watchRevisionChange(b: Backend, ns: string, name: string, from: number, onRevision: (revision: number) => void): Watch {
  let stopped = false;
  let watch: Watch | undefined;
  const stop = () => { stopped = true; watch?.stop(); };
  const check = (d: Deployment | undefined): boolean => {
    const rev = Number(d?.metadata?.annotations?.[REVISION_ANNOTATION] ?? 0) || 0;
    if (stopped || rev === 0 || rev === from) return false;
    stop();
    onRevision(rev);
    return true;
  };
  const query = { namespace: ns, fieldSelector: `metadata.name=${name}` };
  b.list('deployments', query).then(({ items, resourceVersion }) => {
    if (stopped || check(items[0])) return;
    watch = b.watch('deployments', { ...query, resourceVersion }, {
      onEvent: (e) => { if (e.type === 'ADDED' || e.type === 'MODIFIED') check(e.object); },
      // The number is a courtesy: without a watch the flash keeps its first line.
      onExpired: stop, onError: stop,
    });
    if (stopped) watch.stop();
  }, stop);
  return { stop };
}
