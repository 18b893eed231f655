// Events as client-go's recorder writes them: one Event object per distinct
// (source, object, type, reason, message), counted up on repeats; after 10 distinct messages
// for one object and reason within 10 minutes, new ones fold into a "combined" event.
import type { Event, KubeObject, ObjectMeta } from '../contract/types.js';
import { apiVersionOf, resourceForKindName } from '../contract/resources.js';
import type { ApiServer } from './apiserver/apiServer.js';
import { rfc3339, rfc3339Micro } from './clock.js';

export interface EventSource { component: string; host?: string }

/** The recorder's memory: which Event counts up a repeat, and the messages seen per object and reason. */
export interface EventRecorderState {
  byIdentity: Array<[string, string]>;
  similar: Array<{ key: string; first: number; messages: string[] }>;
}

const AGGREGATE_MAX = 10;
const AGGREGATE_WINDOW_MS = 600_000;

/**
 * client-go's EventCorrelator keeps its caches in LRUs of maxLruCacheEntries keys. Deviation: the
 * recorder's LRU counts involved objects (each with its few reasons) rather than keys, so a key is
 * forgotten a little later than upstream; lookups then need no key string built and hashed.
 */
const MAX_LRU_CACHE_ENTRIES = 4096;

/** What the recorder remembers of one (source, object, fieldPath, type, reason). */
interface Similar {
  component: string; fieldPath: string; type: string; reason: string;
  /** When the aggregation window of this key opened. */
  first: number;
  /** The distinct messages of the window (at most AGGREGATE_MAX - 1): a short list, cheaper than a Set. */
  messages: string[];
  /** Message (or COMBINED) -> the Event that counts its repeats. */
  names: Array<[message: string, event: string]>;
}

const COMBINED = '\0combined';

/** A Map that forgets its least recently used entry beyond `limit` entries. */
class LruMap<K, V> extends Map<K, V> {
  /**
   * A live iterator over the keys: every key behind it was evicted or moved to the end, so its
   * next key is the least recently used, without scanning the holes that moves leave behind.
   */
  private oldest?: Iterator<K>;

  constructor(private readonly limit: number) { super(); }

  /** The most recently used key: already last, so using it again moves nothing. */
  private newest?: K;

  override get(key: K): V | undefined {
    const v = super.get(key);
    if (v !== undefined && key !== this.newest) { super.delete(key); super.set(key, v); this.newest = key; }
    return v;
  }

  override set(key: K, value: V): this {
    super.delete(key);
    super.set(key, value);
    this.newest = key;
    if (this.size > this.limit) {
      let next = (this.oldest ??= super.keys()).next();
      if (next.done) next = (this.oldest = super.keys()).next();
      super.delete(next.value as K);
    }
    return this;
  }

  override clear(): void {
    this.oldest = undefined;
    this.newest = undefined;
    super.clear();
  }
}

/**
 * The event's involvedObject, with only the fields the object has: the event is handed over to the
 * API server as built (no null or undefined member to drop on the way).
 */
function objectReference(apiVersion: string | undefined, kind: string | undefined, m: ObjectMeta, fieldPath?: string): Event['involvedObject'] {
  const ref: Event['involvedObject'] = {};
  if (apiVersion !== undefined) ref.apiVersion = apiVersion;
  if (kind !== undefined) ref.kind = kind;
  if (m.name !== undefined) ref.name = m.name;
  if (m.namespace !== undefined) ref.namespace = m.namespace;
  if (m.uid !== undefined) ref.uid = m.uid;
  if (m.resourceVersion !== undefined) ref.resourceVersion = m.resourceVersion;
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}

function nameEvent(s: Similar, message: string, event: string): void {
  const i = s.names.findIndex((n) => n[0] === message);
  if (i >= 0) s.names[i] = [message, event]; else s.names.push([message, event]);
}

/** `<component>|<uid>|<fieldPath>|<type>|<reason>`: the key the snapshot format names a Similar by. */
function similarKey(uid: string, s: Similar): string {
  return `${s.component}|${uid}|${s.fieldPath}|${s.type}|${s.reason}`;
}

function parseKey(key: string): { uid: string; similar: Omit<Similar, 'first' | 'messages' | 'names'>; rest: string } {
  const parts = key.split('|');
  const [component, uid, fieldPath, type, reason] = parts;
  return { uid, similar: { component, fieldPath, type, reason }, rest: parts.slice(5).join('|') };
}

export class EventRecorder {
  /** Involved object uid -> what was recorded about it. */
  private readonly byObject = new LruMap<string, Similar[]>(MAX_LRU_CACHE_ENTRIES);

  constructor(private readonly api: ApiServer) {}

  private similarOf(uid: string, component: string, fieldPath: string, type: string, reason: string, create: boolean): Similar | undefined {
    let list = this.byObject.get(uid);
    if (list) {
      for (const s of list) if (s.reason === reason && s.type === type && s.component === component && s.fieldPath === fieldPath) return s;
    }
    if (!create) return undefined;
    if (!list) this.byObject.set(uid, (list = []));
    const s: Similar = { component, fieldPath, type, reason, first: -1, messages: [], names: [] };
    list.push(s);
    return s;
  }

  /**
   * `<object>.<hex of UnixNano>` as client-go names events. The simulated clock counts whole
   * milliseconds, so an event whose name is taken (same object, same millisecond) takes the
   * next free nanosecond: names stay unique, derived from the store alone.
   */
  private eventName(objectName: string | undefined, namespace: string, now: number): string {
    const ms = Math.floor(now);
    // Many events share a millisecond: its first nanosecond's hex is worked out once.
    if (ms !== this.nanoHexMs) { this.nanoHexMs = ms; this.nanoHex = (BigInt(ms) * 1_000_000n).toString(16); }
    let name = `${objectName}.${this.nanoHex}`;
    if (!this.api.tryGet('events', namespace, name)) return name;
    let nano = BigInt(ms) * 1_000_000n;
    while (this.api.tryGet('events', namespace, name)) name = `${objectName}.${(++nano).toString(16)}`;
    return name;
  }

  private nanoHexMs = -1;
  private nanoHex = '';

  exportState(): EventRecorderState {
    const byIdentity: Array<[string, string]> = [];
    const similar: EventRecorderState['similar'] = [];
    for (const [uid, list] of this.byObject) {
      for (const s of list) {
        const key = similarKey(uid, s);
        if (s.first >= 0) similar.push({ key, first: s.first, messages: [...s.messages] });
        for (const [message, name] of s.names) byIdentity.push([`${key}|${message === COMBINED ? 'combined' : message}`, name]);
      }
    }
    return { byIdentity, similar };
  }

  importState(state: EventRecorderState): void {
    this.byObject.clear();
    for (const entry of state.similar) {
      const { uid, similar: k } = parseKey(entry.key);
      const s = this.similarOf(uid, k.component, k.fieldPath, k.type, k.reason, true)!;
      s.first = entry.first;
      s.messages = [...entry.messages];
    }
    for (const [identity, name] of state.byIdentity) {
      const { uid, similar: k, rest } = parseKey(identity);
      const s = this.similarOf(uid, k.component, k.fieldPath, k.type, k.reason, true)!;
      nameEvent(s, rest === 'combined' ? COMBINED : rest, name);
    }
  }

  record(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const m = obj.metadata ?? {};
    const ns = m.namespace || 'default';
    const now = this.api.clock.now();
    const sim = this.similarOf(m.uid ?? '', source.component, fieldPath ?? '', type, reason, true)!;
    if (sim.first < 0 || now - sim.first > AGGREGATE_WINDOW_MS) { sim.first = now; sim.messages = []; }
    if (!sim.messages.includes(message)) {
      if (sim.messages.length >= AGGREGATE_MAX - 1) message = `(combined from similar events): ${message}`;
      else sim.messages.push(message);
    }
    const identity = message.startsWith('(combined') ? COMBINED : message;
    const existingName = sim.names.find((n) => n[0] === identity)?.[1];
    const existing = existingName ? this.api.tryGet('events', ns, existingName) as Event | undefined : undefined;
    if (existing) {
      // Handed over: a new top level and metadata (the write sets its fields); the rest is the stored version's, read-only.
      this.api.update('events', {
        ...existing,
        metadata: { ...existing.metadata },
        message,
        count: (existing.count ?? 1) + 1,
        lastTimestamp: rfc3339(now),
      } as KubeObject, { handOver: true });
      return;
    }
    const kind = obj.kind ?? '';
    const info = resourceForKindName(kind);
    const name = this.eventName(m.name, ns, now);
    const ev: Event = {
      apiVersion: 'v1', kind: 'Event',
      metadata: { name, namespace: ns },
      involvedObject: objectReference(obj.apiVersion ?? (info ? apiVersionOf(info) : 'v1'), kind, m, fieldPath),
      reason, message, type, count: 1,
      source: source.host ? { component: source.component, host: source.host } : { component: source.component },
      firstTimestamp: rfc3339(now), lastTimestamp: rfc3339(now),
      reportingComponent: source.component, reportingInstance: source.host ?? '',
    };
    try {
      this.api.create('events', ev as KubeObject, { handOver: true });
      nameEvent(sim, identity, name);
    } catch {
      // Events are best effort, as in client-go: a namespace being deleted may refuse them.
    }
  }

  /** The scheduler writes events.k8s.io-style events: eventTime set, first/lastTimestamp null. */
  /** `action`: what the controller was doing, e.g. the scheduler's `Binding` (Scheduled) or `Scheduling` (FailedScheduling). */
  /** `host`: where the controller runs; its instance is `<controller>-<host>`, as kube-scheduler names itself. */
  recordWithEventTime(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, controller: string, action: string, host: string): void {
    const m = obj.metadata ?? {};
    const now = this.api.clock.now();
    const name = this.eventName(m.name, m.namespace || 'default', now);
    try {
      this.api.create('events', {
        apiVersion: 'v1', kind: 'Event',
        metadata: { name, namespace: m.namespace || 'default' },
        involvedObject: objectReference(obj.apiVersion, obj.kind, m),
        reason, message, type, action,
        eventTime: rfc3339Micro(now), reportingComponent: controller, reportingInstance: `${controller}-${host}`,
        source: {},
      } as KubeObject, { handOver: true });
    } catch { /* best effort */ }
  }
}
