// Turns a parsed scenario file into a Scenario, or throws a ScenarioError naming the file, the
// step and the reason: an unknown action, a missing or mistyped field, a manifest that does not
// parse or names no known kind.
import type { PatchType, PropagationPolicy } from '../../backends/contract/backend.js';
import { resolveResource, resourceForKind, type ResourceName } from '../../backends/contract/resources.js';
import { parseLabelSelector } from '../../backends/contract/selectors.js';
import { parseManifests, type ManifestSource } from '../ops/manifests.js';
import { ScenarioError, type StepPlace } from './scenarioError.js';
import {
  ACTION_NAMES, type FaultType, type ObjectRef, type Scenario, type ScenarioAction, type ScenarioStep, type TimedWait,
  type TrafficTarget, type WaitCondition,
} from './scenarioTypes.js';

type Raw = Record<string, unknown>;

const DEFAULT_WAIT_TIMEOUT_S = 300;
const FAULTS: FaultType[] = ['killContainer', 'crashLoop', 'heal', 'failNode', 'recoverNode'];
const POLICIES: PropagationPolicy[] = ['Background', 'Foreground', 'Orphan'];
const PATCH_TYPES: PatchType[] = ['merge', 'strategic', 'json'];
const STEP_FIELDS = ['title', 'narration', 'kubectl', 'namespace', 'until', ...ACTION_NAMES];

/** Reads a manifest file named by an `apply: {file: ...}` step, relative to the scenario file. */
export type ManifestReader = (relativePath: string) => ManifestSource;

const isRaw = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Field checks for one place in the file; every failure names the field. */
class Fields {
  constructor(readonly fail: (reason: string) => never) {}

  object(v: unknown, field: string): Raw {
    if (!isRaw(v)) this.fail(`${field} must be a mapping`);
    return v;
  }

  string(o: Raw, key: string, field = key): string {
    const v = o[key];
    if (v === undefined || v === null || v === '') this.fail(`missing field ${field}`);
    if (typeof v !== 'string') this.fail(`${field} must be a string`);
    return v;
  }

  optionalString(o: Raw, key: string, field = key): string | undefined {
    return o[key] === undefined ? undefined : this.string(o, key, field);
  }

  count(o: Raw, key: string, field = key, min = 0): number {
    const v = o[key];
    if (v === undefined) this.fail(`missing field ${field}`);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) this.fail(`${field} must be a whole number ≥ ${min}, got ${JSON.stringify(v)}`);
    return v;
  }

  oneOf<T extends string>(v: unknown, allowed: readonly T[], field: string): T {
    if (typeof v !== 'string' || !allowed.includes(v as T)) this.fail(`${field} must be one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`);
    return v as T;
  }

  resource(word: unknown, field: string): ResourceName {
    if (typeof word !== 'string') this.fail(`missing field ${field}`);
    const r = resolveResource(word);
    if (!r) this.fail(`${field}: unknown resource "${word}"`);
    return r.name;
  }

  selector(o: Raw, key: string, field = key): string {
    const s = this.string(o, key, field);
    try { parseLabelSelector(s); } catch (e) { this.fail(`${field}: ${(e as Error).message}`); }
    return s;
  }

  /** `kind/name` (`svc/petclinic`), or `{resource, name | selector}`. */
  target(v: unknown, field: string, namespace: string): ObjectRef {
    if (typeof v === 'string') {
      const slash = v.indexOf('/');
      if (slash <= 0 || slash === v.length - 1) this.fail(`${field} must be RESOURCE/NAME (e.g. svc/petclinic), got "${v}"`);
      return { resource: this.resource(v.slice(0, slash), field), namespace, name: v.slice(slash + 1) };
    }
    const o = this.object(v, field);
    const ns = this.optionalString(o, 'namespace', `${field}.namespace`) ?? namespace;
    const resource = this.resource(o.resource, `${field}.resource`);
    if (o.name !== undefined) return { resource, namespace: ns, name: this.string(o, 'name', `${field}.name`) };
    if (o.selector !== undefined) return { resource, namespace: ns, selector: this.selector(o, 'selector', `${field}.selector`) };
    if (o.all === true) return { resource, namespace: ns, selector: '' };
    return this.fail(`${field} needs a name, a selector or all: true`);
  }

  named(v: unknown, field: string, namespace: string): ObjectRef & { name: string } {
    const t = this.target(v, field, namespace);
    if (t.name === undefined) this.fail(`${field} must name one object`);
    return t as ObjectRef & { name: string };
  }

  /** A pod by `name`, or the first pod (by name) matching `selector`. */
  pod(o: Raw, field: string, namespace: string): ObjectRef {
    const ns = this.optionalString(o, 'namespace', `${field}.namespace`) ?? namespace;
    if (o.pod !== undefined) return { resource: 'pods', namespace: ns, name: this.string(o, 'pod', `${field}.pod`) };
    if (o.selector !== undefined) return { resource: 'pods', namespace: ns, selector: this.selector(o, 'selector', `${field}.selector`) };
    return this.fail(`${field} needs pod (a name) or selector`);
  }
}

function parseWait(v: unknown, field: string, namespace: string, f: Fields): TimedWait {
  const o = f.object(v, field);
  const timeoutSeconds = o.timeoutSeconds === undefined ? DEFAULT_WAIT_TIMEOUT_S : f.count(o, 'timeoutSeconds', `${field}.timeoutSeconds`, 1);
  const ns = f.optionalString(o, 'namespace', `${field}.namespace`) ?? namespace;
  const kinds = ['rolledOut', 'podsReady', 'endpoints', 'gone', 'exists', 'seconds'].filter((k) => o[k] !== undefined);
  if (kinds.length !== 1) f.fail(`${field} needs exactly one of rolledOut, podsReady, endpoints, gone, exists, seconds`);
  let condition: WaitCondition;
  switch (kinds[0]) {
    case 'rolledOut': condition = { kind: 'rolledOut', namespace: ns, deployment: f.string(o, 'rolledOut', `${field}.rolledOut`) }; break;
    case 'podsReady': {
      const p = f.object(o.podsReady, `${field}.podsReady`);
      condition = { kind: 'podsReady', namespace: ns, selector: f.selector(p, 'selector', `${field}.podsReady.selector`), count: f.count(p, 'count', `${field}.podsReady.count`) };
      break;
    }
    case 'endpoints': {
      const p = f.object(o.endpoints, `${field}.endpoints`);
      condition = { kind: 'endpoints', namespace: ns, service: f.string(p, 'service', `${field}.endpoints.service`), count: f.count(p, 'count', `${field}.endpoints.count`) };
      break;
    }
    case 'gone': condition = { kind: 'gone', target: f.target(o.gone, `${field}.gone`, ns) }; break;
    case 'exists': condition = { kind: 'exists', target: f.target(o.exists, `${field}.exists`, ns) }; break;
    default: {
      const s = o.seconds;
      if (typeof s !== 'number' || !(s > 0)) f.fail(`${field}.seconds must be a number of seconds > 0, got ${JSON.stringify(s)}`);
      condition = { kind: 'seconds', seconds: s };
    }
  }
  return { condition, timeoutSeconds };
}

/** Parses and kind-checks every document, so a broken manifest fails when the scenario loads. */
function checkManifests(sources: ManifestSource[], f: Fields): void {
  let docs;
  try {
    docs = parseManifests(sources);
  } catch (e) {
    return f.fail(`invalid manifest: ${(e as Error).message}`);
  }
  if (docs.length === 0) f.fail('apply has no objects');
  for (const d of docs) {
    const o = d.object;
    const where = `invalid manifest (${d.source}, document ${d.document})`;
    if (!o.apiVersion || !o.kind) f.fail(`${where}: apiVersion and kind are required`);
    if (!resourceForKind(o.apiVersion, o.kind)) f.fail(`${where}: no kind "${o.kind}" in version "${o.apiVersion}"`);
    if (!o.metadata?.name) f.fail(`${where}: metadata.name is required`);
  }
}

function parseApply(v: unknown, namespace: string, place: string, read: ManifestReader, f: Fields): ScenarioAction {
  let sources: ManifestSource[];
  if (typeof v === 'string') sources = [{ path: `${place} (inline)`, text: v }];
  else {
    const o = f.object(v, 'apply');
    if (o.file !== undefined) {
      const path = f.string(o, 'file', 'apply.file');
      try { sources = [read(path)]; } catch (e) { return f.fail(`apply.file: cannot read "${path}": ${(e as Error).message}`); }
    } else sources = [{ path: `${place} (inline)`, text: f.string(o, 'manifests', 'apply.manifests') }];
  }
  checkManifests(sources, f);
  return { kind: 'apply', namespace, sources };
}

function parseAction(name: string, v: unknown, namespace: string, place: string, read: ManifestReader, f: Fields): ScenarioAction {
  switch (name) {
    case 'apply': return parseApply(v, namespace, place, read, f);
    case 'delete': {
      if (typeof v === 'string') return { kind: 'delete', target: f.target(v, 'delete', namespace) };
      const o = f.object(v, 'delete');
      const target = f.target(o, 'delete', namespace);
      const propagationPolicy = o.propagation === undefined ? undefined : f.oneOf(o.propagation, POLICIES, 'delete.propagation');
      const grace = o.gracePeriodSeconds === undefined ? undefined : f.count(o, 'gracePeriodSeconds', 'delete.gracePeriodSeconds');
      return { kind: 'delete', target, ...(propagationPolicy ? { propagationPolicy } : {}), ...(grace !== undefined ? { gracePeriodSeconds: grace } : {}) };
    }
    case 'patch': {
      const o = f.object(v, 'patch');
      const type = o.type === undefined ? 'merge' : f.oneOf(o.type, PATCH_TYPES, 'patch.type');
      const body = o.patch;
      if (type === 'json' ? !Array.isArray(body) : !isRaw(body)) f.fail(`patch.patch must be ${type === 'json' ? 'a list of operations' : 'a mapping'}`);
      return { kind: 'patch', target: f.named(o.target, 'patch.target', namespace), type, patch: body as Raw | Raw[] };
    }
    case 'scale': {
      const o = f.object(v, 'scale');
      const target = f.named(o.target, 'scale.target', namespace);
      if (target.resource !== 'deployments' && target.resource !== 'replicasets') f.fail('scale.target must be a deployment or a replicaset');
      return { kind: 'scale', target: target as ObjectRef & { resource: 'deployments' | 'replicasets'; name: string }, replicas: f.count(o, 'replicas', 'scale.replicas') };
    }
    case 'setImage': {
      const o = f.object(v, 'setImage');
      const changeCause = f.optionalString(o, 'changeCause', 'setImage.changeCause');
      return {
        kind: 'setImage', namespace, deployment: f.string(o, 'deployment', 'setImage.deployment'),
        container: f.string(o, 'container', 'setImage.container'), image: f.string(o, 'image', 'setImage.image'),
        ...(changeCause !== undefined ? { changeCause } : {}),
      };
    }
    case 'undo': {
      const o = f.object(v, 'undo');
      const to = o.toRevision === undefined || o.toRevision === 'previous' ? 0 : f.count(o, 'toRevision', 'undo.toRevision', 1);
      return { kind: 'undo', namespace, deployment: f.string(o, 'deployment', 'undo.deployment'), toRevision: to };
    }
    case 'fault': {
      const o = f.object(v, 'fault');
      const fault = f.oneOf(o.type, FAULTS, 'fault.type');
      if (fault === 'failNode' || fault === 'recoverNode') return { kind: 'fault', fault, node: f.string(o, 'node', 'fault.node') };
      const container = f.optionalString(o, 'container', 'fault.container');
      return { kind: 'fault', fault, pod: f.pod(o, 'fault', namespace), ...(container ? { container } : {}) };
    }
    case 'editConfigMap': {
      const o = f.object(v, 'editConfigMap');
      const data = f.object(o.data, 'editConfigMap.data');
      for (const [k, val] of Object.entries(data)) if (typeof val !== 'string') f.fail(`editConfigMap.data.${k} must be a string`);
      return { kind: 'editConfigMap', namespace, name: f.string(o, 'name', 'editConfigMap.name'), data: data as Record<string, string> };
    }
    case 'restartPod': return { kind: 'restartPod', pod: f.pod(f.object(v, 'restartPod'), 'restartPod', namespace) };
    case 'wait': return { kind: 'wait', wait: parseWait(v, 'wait', namespace, f) };
  }
  return f.fail(`unknown action "${name}"`);
}

function parseStep(raw: unknown, index: number, source: string, defaultNs: string, read: ManifestReader): ScenarioStep {
  const title = isRaw(raw) && typeof raw.title === 'string' && raw.title ? raw.title : '(untitled)';
  const place: StepPlace = { index, title };
  const fail = (reason: string): never => { throw new ScenarioError(source, reason, place); };
  const f = new Fields(fail);
  const o = f.object(raw, 'a step');
  f.string(o, 'title');
  const unknown = Object.keys(o).filter((k) => !STEP_FIELDS.includes(k));
  if (unknown.length) {
    fail(`unknown action "${unknown[0]}" (a step has title, narration, kubectl, namespace, until and one of ${ACTION_NAMES.join(', ')})`);
  }
  const actions = ACTION_NAMES.filter((a) => o[a] !== undefined);
  if (actions.length === 0) fail(`no action (one of ${ACTION_NAMES.join(', ')})`);
  if (actions.length > 1) fail(`more than one action (${actions.join(', ')}): a step has one`);
  const namespace = f.optionalString(o, 'namespace') ?? defaultNs;
  const action = parseAction(actions[0], o[actions[0]], namespace, `${source} step ${index}`, read, f);
  return {
    title,
    narration: (f.optionalString(o, 'narration') ?? '').trim(),
    kubectl: (f.string(o, 'kubectl')).trim(),
    action,
    ...(o.until !== undefined ? { until: parseWait(o.until, 'until', namespace, f) } : {}),
  };
}

function parseTraffic(v: unknown, f: Fields): TrafficTarget[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) return f.fail('traffic must be a list of {service, ratePerSecond}');
  return v.map((t, i) => {
    const o = f.object(t, `traffic[${i}]`);
    const rate = o.ratePerSecond ?? 10;
    if (typeof rate !== 'number' || !(rate > 0) || rate > 1000) f.fail(`traffic[${i}].ratePerSecond must be a number in (0, 1000], got ${JSON.stringify(rate)}`);
    return { service: f.string(o, 'service', `traffic[${i}].service`), ratePerSecond: rate };
  });
}

export function validateScenario(raw: unknown, source: string, read: ManifestReader): Scenario {
  const fail = (reason: string): never => { throw new ScenarioError(source, reason); };
  const f = new Fields(fail);
  const o = f.object(raw, 'a scenario');
  const namespace = f.optionalString(o, 'namespace') ?? 'default';
  if (!Array.isArray(o.steps) || o.steps.length === 0) fail('steps must be a non-empty list');
  const steps = (o.steps as unknown[]).map((s, i) => parseStep(s, i + 1, source, namespace, read));
  return {
    name: f.string(o, 'name'),
    title: f.string(o, 'title'),
    description: (f.optionalString(o, 'description') ?? '').trim(),
    source,
    namespace,
    traffic: parseTraffic(o.traffic, f),
    steps,
  };
}
