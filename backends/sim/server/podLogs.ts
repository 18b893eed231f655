// `kubectl logs -f`: the log so far, then new lines as the simulated container writes them,
// until the pod goes away, its container restarts or the client hangs up.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Pod } from '../../contract/types.js';
import type { Simulator } from '../simulator.js';

/** How often a followed log is read again: wall-clock time, as it concerns the connection. */
const FOLLOW_POLL_MS = 250;

export interface LogRequest { namespace: string; pod: string; container?: string; tailLines: number }

function restarts(sim: Simulator, namespace: string, pod: string): number | undefined {
  const p = sim.api.list('pods', { namespace, fieldSelector: `metadata.name=${pod}` }).items[0] as Pod | undefined;
  if (!p || p.metadata?.deletionTimestamp) return undefined;
  return (p.status?.containerStatuses ?? []).reduce((n, s) => n + (s.restartCount ?? 0), 0);
}

export async function followPodLogs(sim: Simulator, req: IncomingMessage, res: ServerResponse, r: LogRequest): Promise<void> {
  const all = () => sim.backend.logs(r.namespace, r.pod, r.container, -1);
  let sent = (await all()).length;
  const first = await sim.backend.logs(r.namespace, r.pod, r.container, r.tailLines);
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  if (first.length) res.write(first.map((l) => `${l}\n`).join(''));
  const startedAs = restarts(sim, r.namespace, r.pod);
  const timer = setInterval(() => {
    if (restarts(sim, r.namespace, r.pod) !== startedAs) { stop(); return; }
    all().then((lines) => {
      if (lines.length > sent) res.write(lines.slice(sent).map((l) => `${l}\n`).join(''));
      sent = Math.max(sent, lines.length);
    }, () => stop());
  }, FOLLOW_POLL_MS);
  function stop(): void {
    clearInterval(timer);
    res.end();
  }
  req.on('close', () => clearInterval(timer));
}
