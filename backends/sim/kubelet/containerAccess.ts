// What the rest of the simulator may see of a container: its view from inside (image,
// environment resolved at start, mounted files as last synced) and its log output, with the
// errors the API server gives for `logs` of a container that has not started.
import { badRequest } from '../../contract/errors.js';
import type { ContainerView } from '../context.js';
import { crashLines } from './logs.js';
import { findContainer, isRunning, type ContainerInstance, type ContainerRun, type PodRun } from './podRun.js';
import { mountedFiles } from './volumes.js';

export function containerView(run: PodRun, container: string | undefined): ContainerView | undefined {
  const c = findContainer(run, container);
  if (!c || !isRunning(c) || run.terminal) return undefined;
  const cur = c.current!;
  return {
    pod: run.name, namespace: run.namespace, container: c.name,
    image: c.spec.image ?? cur.image,
    env: { ...cur.env },
    files: { ...mountedFiles(c.spec, run.volumes ?? new Map()), ...cur.subPathFiles },
  };
}

/** The instance the status shows as lastState.terminated: the one `logs --previous` reads. */
function lastTerminated(c: ContainerRun): ContainerInstance | undefined {
  if (c.current && (c.current.finishedAt === undefined || !c.waiting)) return c.previous;
  return c.current ?? c.previous;
}

/**
 * The last `tailLines` lines of the container's latest instance, or with `previous` of the last
 * terminated one (validateContainerLogStatus's errors otherwise).
 */
export function containerLogs(run: PodRun, container: string | undefined, tailLines: number, now: number, previous = false): string[] {
  if (container === undefined && run.containers.length > 1) {
    const init = run.init.length ? ` or one of the init containers: [${run.init.map((c) => c.name).join(' ')}]` : '';
    throw badRequest(`a container name must be specified for pod ${run.name}, choose one of: [${run.containers.map((c) => c.name).join(' ')}]${init}`);
  }
  const c = findContainer(run, container);
  if (!c) throw badRequest(`container ${container} is not valid for pod ${run.name}`);
  if (previous && !lastTerminated(c)) throw badRequest(`previous terminated container "${c.name}" in pod "${run.name}" not found`);
  const instance = previous ? lastTerminated(c) : c.current ?? c.previous;
  if (!instance) {
    const reason = c.waiting?.reason ?? 'ContainerCreating';
    if (reason === 'ErrImagePull') throw badRequest(`container "${c.name}" in pod "${run.name}" is waiting to start: image can't be pulled`);
    if (reason === 'ImagePullBackOff') throw badRequest(`container "${c.name}" in pod "${run.name}" is waiting to start: trying and failing to pull image`);
    throw badRequest(`container "${c.name}" in pod "${run.name}" is waiting to start: ${reason}`);
  }
  const upTo = (instance.finishedAt ?? now) - instance.startedAt;
  let output = instance.program.logs();
  if (instance.crashedAtMs !== undefined) {
    output = [...output.filter((l) => l.atMs < instance.crashedAtMs!), ...crashLines(instance.program.kind, instance.program.context, instance.crashedAtMs)];
  }
  const lines = output.filter((l) => l.atMs <= upTo).map((l) => l.line);
  if (tailLines < 0) return lines;
  return tailLines === 0 ? [] : lines.slice(-tailLines);
}
