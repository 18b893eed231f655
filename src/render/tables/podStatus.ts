// printPod's STATUS / READY / RESTARTS derivation (K8S pkg/printers/internalversion/printers.go).
import type { Pod } from '../../../backends/contract/types.js';
import { parseTime } from '../duration.js';

export interface PodSummary {
  ready: number;
  total: number;
  /** The STATUS cell: `Running`, `CrashLoopBackOff`, `Init:0/1`, `Terminating` ... */
  reason: string;
  restarts: number;
  /** When the last restarted container last terminated (ms), if known. */
  lastRestart?: number;
}

function conditionTrue(pod: Pod, type: string): boolean {
  return !!pod.status?.conditions?.some((c) => c.type === type && c.status === 'True');
}

function later(a: number | undefined, ts: string | undefined): number | undefined {
  const t = parseTime(ts);
  if (t === undefined) return a;
  return a === undefined || t > a ? t : a;
}

export function podSummary(pod: Pod): PodSummary {
  const spec = pod.spec, status = pod.status;
  let restarts = 0, sidecarRestarts = 0, ready = 0;
  let total = spec?.containers?.length ?? 0;
  let lastRestart: number | undefined, lastSidecarRestart: number | undefined;
  const phase = status?.phase ?? '';
  let reason: string = status?.reason || phase;
  if (status?.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

  const sidecars = new Set<string>();
  for (const c of spec?.initContainers ?? []) {
    if (c.restartPolicy === 'Always') { sidecars.add(c.name); total++; }
  }

  let initializing = false;
  const initStatuses = status?.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    const isSidecar = sidecars.has(c.name);
    restarts += c.restartCount ?? 0;
    lastRestart = later(lastRestart, c.lastState?.terminated?.finishedAt);
    if (isSidecar) {
      sidecarRestarts += c.restartCount ?? 0;
      lastSidecarRestart = later(lastSidecarRestart, c.lastState?.terminated?.finishedAt);
    }
    const terminated = c.state?.terminated, waiting = c.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (isSidecar && c.started) {
      if (c.ready) ready++;
      continue;
    }
    if (terminated) {
      reason = terminated.reason ? `Init:${terminated.reason}`
        : terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(pod, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status?.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount ?? 0;
      lastRestart = later(lastRestart, c.lastState?.terminated?.finishedAt);
      const waiting = c.state?.waiting, terminated = c.state?.terminated;
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated?.reason) reason = terminated.reason;
      else if (terminated) reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
      else if (c.ready && c.state?.running) { hasRunning = true; ready++; }
    }
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(pod, 'Ready') ? 'Running' : 'NotReady';
  }

  if (pod.metadata?.deletionTimestamp && status?.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  return { ready, total, reason, restarts, lastRestart };
}
