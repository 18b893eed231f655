// Checking a snapshot before anything is changed: the format and version, the counters, and
// every object as the API server would have stored it (known kind, identity, strict decoding and
// the registry validation of the admission chain). A problem names where it is.
import { RESOURCES, resourceForKind, type ResourceInfo, type ResourceName } from '../../contract/resources.js';
import type { KubeObject } from '../../contract/types.js';
import { decodeError } from '../admission/strictFields.js';
import { invalidObject } from '../admission/fieldErrors.js';
import { validateObject } from '../admission/validation.js';
import type { EventRecorderState } from '../events.js';
import { SNAPSHOT_FORMAT, type SimSnapshot } from './format.js';

export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}

/** A snapshot ready to restore: each object with the resource it is stored under. */
export interface CheckedSnapshot {
  snapshot: SimSnapshot;
  time: number;
  objects: Array<{ resource: ResourceName; object: KubeObject }>;
}

const MAX_PROBLEMS = 10;
type Json = Record<string, unknown>;

function isMap(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isCounter = (v: unknown): boolean => isString(v) && /^[1-9][0-9]{0,15}$/.test(v);
const isTimestamp = (v: unknown): boolean => isString(v) && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(v) && !Number.isNaN(Date.parse(v));

function describe(o: Json, info: ResourceInfo | undefined): string {
  const m = isMap(o.metadata) ? o.metadata : {};
  const name = isString(m.name) ? m.name : '?';
  const kind = info?.kind ?? (isString(o.kind) ? o.kind : 'object');
  return `${kind} ${isString(m.namespace) && info?.namespaced !== false ? `${m.namespace}/` : ''}${name}`;
}

function checkRecorder(v: unknown): string | undefined {
  if (!isMap(v) || !Array.isArray(v.byIdentity) || !Array.isArray(v.similar)) return 'eventRecorder: must hold byIdentity and similar lists';
  const state = v as unknown as EventRecorderState;
  if (!state.byIdentity.every((e) => Array.isArray(e) && e.length === 2 && isString(e[0]) && isString(e[1]))) {
    return 'eventRecorder.byIdentity: each entry must be a pair of strings';
  }
  if (!state.similar.every((e) => isMap(e) && isString(e.key) && Number.isFinite(e.first) && Array.isArray(e.messages) && e.messages.every(isString))) {
    return 'eventRecorder.similar: each entry must have key, first (ms) and messages';
  }
  return undefined;
}

function checkLayout(v: unknown): string | undefined {
  if (!isMap(v)) return 'layout: must be a mapping with nodes, clusterName and version';
  if (!Array.isArray(v.nodes) || v.nodes.length === 0 || !v.nodes.every((n) => isString(n) && n !== '')) return 'layout.nodes: must be a non-empty list of node names';
  if (!isString(v.clusterName)) return 'layout.clusterName: must be a string';
  if (!isString(v.version) || !/^v\d+\.\d+\.\d+/.test(v.version)) return `layout.version: must be a Kubernetes version like v1.33.1`;
  return undefined;
}

/** The problems of one object as the store would hold it, or none. */
function objectProblems(o: Json, info: ResourceInfo, counter: number): string[] {
  const m = o.metadata;
  if (!isMap(m)) return ['metadata: Required value'];
  const out: string[] = [];
  if (!isString(m.name) || m.name === '') out.push('metadata.name: Required value');
  if (info.namespaced && (!isString(m.namespace) || m.namespace === '')) out.push('metadata.namespace: Required value');
  if (!info.namespaced && m.namespace !== undefined) out.push(`metadata.namespace: a ${info.kind} is not namespaced`);
  if (!isString(m.uid) || m.uid === '') out.push('metadata.uid: Required value');
  if (m.resourceVersion === undefined) out.push('metadata.resourceVersion: Required value');
  else if (!isCounter(m.resourceVersion)) out.push(`metadata.resourceVersion: must be a positive integer in a string, not ${JSON.stringify(m.resourceVersion)}`);
  else if (Number(m.resourceVersion) > counter) out.push(`metadata.resourceVersion: ${m.resourceVersion} is newer than the snapshot's resourceVersion ${counter}`);
  if (m.creationTimestamp === undefined) out.push('metadata.creationTimestamp: Required value');
  else if (!isTimestamp(m.creationTimestamp)) out.push(`metadata.creationTimestamp: must be an RFC 3339 time, not ${JSON.stringify(m.creationTimestamp)}`);
  if (out.length) return out;
  const obj = o as KubeObject;
  const decode = decodeError(obj);
  if (decode) return [decode.message];
  const errs = validateObject(info.name, obj, undefined);
  if (errs.length) return [invalidObject(info, m.name as string, errs).message];
  return [];
}

/** Checks `value` (parsed from `source`) and returns it ready to restore; throws a SnapshotError naming every problem. */
export function checkSnapshot(value: unknown, source: string): CheckedSnapshot {
  const fail = (problems: string[]): never => {
    const shown = problems.slice(0, MAX_PROBLEMS);
    const more = problems.length > MAX_PROBLEMS ? [`... and ${problems.length - MAX_PROBLEMS} more`] : [];
    throw new SnapshotError(shown.length === 1 ? `${source}: ${shown[0]}` : [`${source}: ${problems.length} problems:`, ...[...shown, ...more].map((p) => `  ${p}`)].join('\n'));
  };
  if (!isMap(value)) return fail([`not a kdash snapshot: expected a mapping with format: ${SNAPSHOT_FORMAT}`]);
  if (value.format === undefined) return fail([`not a kdash snapshot: no format field (expected format: ${SNAPSHOT_FORMAT})`]);
  if (value.format !== SNAPSHOT_FORMAT) {
    return fail([isString(value.format) && value.format.startsWith('kdash-snapshot/')
      ? `unsupported snapshot version ${value.format}: this kdash reads ${SNAPSHOT_FORMAT}`
      : `not a kdash snapshot: format is ${JSON.stringify(value.format)}, expected ${SNAPSHOT_FORMAT}`]);
  }
  const problems: string[] = [];
  if (!isTimestamp(value.time)) problems.push(`time: must be an RFC 3339 time, not ${JSON.stringify(value.time)}`);
  if (!isCounter(value.resourceVersion)) problems.push(`resourceVersion: must be a positive integer in a string, not ${JSON.stringify(value.resourceVersion)}`);
  if (!Number.isInteger(value.random) || (value.random as number) < 0 || (value.random as number) > 0xffffffff) problems.push(`random: must be an unsigned 32-bit integer, not ${JSON.stringify(value.random)}`);
  const layout = checkLayout(value.layout);
  if (layout) problems.push(layout);
  const recorder = checkRecorder(value.eventRecorder);
  if (recorder) problems.push(recorder);
  if (!isMap(value.components)) problems.push('components: must be a mapping (may be empty: {})');
  if (!Array.isArray(value.objects)) problems.push('objects: must be a list of Kubernetes objects');
  if (problems.length) return fail(problems);

  const counter = Number(value.resourceVersion);
  const objects: CheckedSnapshot['objects'] = [];
  const keys = new Map<string, number>();
  const uids = new Map<string, number>();
  const namespaces = new Set<string>();
  (value.objects as unknown[]).forEach((o, i) => {
    if (!isMap(o)) return problems.push(`objects[${i}]: must be a Kubernetes object (a mapping)`);
    const info = resourceForKind(o.apiVersion as string | undefined, o.kind as string | undefined);
    const at = `objects[${i}] (${describe(o, info)})`;
    if (!info) return problems.push(`${at}: no matches for kind ${JSON.stringify(o.kind)} in version ${JSON.stringify(o.apiVersion)}`);
    const own = objectProblems(o, info, counter);
    if (own.length) return problems.push(...own.map((p) => `${at}: ${p}`));
    const m = o.metadata as { name: string; namespace?: string; uid: string };
    const key = `${info.name}/${m.namespace ?? ''}/${m.name}`;
    if (keys.has(key)) problems.push(`${at}: the same object as objects[${keys.get(key)}]`);
    else keys.set(key, i);
    if (uids.has(m.uid)) problems.push(`${at}: metadata.uid ${m.uid} is also the uid of objects[${uids.get(m.uid)}]`);
    else uids.set(m.uid, i);
    if (info.name === 'namespaces') namespaces.add(m.name);
    objects.push({ resource: info.name, object: o as KubeObject });
  });
  const homeless = new Map<string, { count: number; first: string }>();
  for (const { resource, object } of objects) {
    const ns = object.metadata?.namespace;
    if (!RESOURCES[resource].namespaced || !ns || namespaces.has(ns)) continue;
    const seen = homeless.get(ns);
    if (seen) seen.count++;
    else homeless.set(ns, { count: 1, first: `objects[${keys.get(`${resource}/${ns}/${object.metadata!.name}`)}] (${describe(object as unknown as Json, RESOURCES[resource])})` });
  }
  for (const [ns, { count, first }] of homeless) {
    problems.push(`namespace ${JSON.stringify(ns)} is not among the snapshot's Namespaces, yet ${count} object${count === 1 ? '' : 's'} live${count === 1 ? 's' : ''} in it, the first ${first}`);
  }
  if (problems.length) return fail(problems);
  sources.set(value, source);
  return { snapshot: value as unknown as SimSnapshot, time: Date.parse(value.time as string), objects };
}

/** Where checked snapshots came from (a file's name), for the problems only a restore can see. */
const sources = new WeakMap<object, string>();

export function sourceOf(s: SimSnapshot): string {
  return sources.get(s) ?? 'snapshot';
}
