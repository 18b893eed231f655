// ValidatePodSpec and ValidatePodTemplateSpec (pkg/apis/core/validation), the checks a
// hand-written manifest can trip: containers, images, ports, env, envFrom, volumes and mounts,
// restart and DNS policies.
import type { Pod, PodTemplateSpec } from '../../contract/types.js';
import {
  duplicate, forbiddenField, invalidEach, invalidValue, notFoundField, notSupported, required, type ErrorList,
} from './fieldErrors.js';
import { validateAnnotations, validateLabels, validateObjectMeta } from './metaValidation.js';
import {
  inclusiveRangeError, isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isValidPortName, isValidPortNum, nameCheck,
} from './names.js';
import type { Container, PodSpec } from './podDefaults.js';
import { fieldsOf } from './schema.js';

type Volume = NonNullable<PodSpec['volumes']>[number];
type EnvVar = NonNullable<Container['env']>[number];

const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';
const VOLUME_SOURCES = Object.keys(fieldsOf('V1Volume') ?? {}).filter((k) => k !== 'name');

const subdomain = nameCheck(isDNS1123Subdomain);

function validateMode(mode: number | undefined, path: string): ErrorList {
  return mode !== undefined && (mode < 0 || mode > 0o777) ? [invalidValue(path, mode, FILE_MODE_ERROR)] : [];
}

function validateVolumeSource(v: Volume, path: string): ErrorList {
  const errs: ErrorList = [];
  const present = VOLUME_SOURCES.filter((k) => (v as Record<string, unknown>)[k] !== undefined);
  if (present.length === 0) errs.push(required(path, 'must specify a volume type'));
  for (const extra of present.slice(1)) errs.push(forbiddenField(`${path}.${extra}`, 'may not specify more than 1 volume type'));
  if (v.configMap) {
    if (!v.configMap.name) errs.push(required(`${path}.configMap.name`));
    errs.push(...validateMode(v.configMap.defaultMode, `${path}.configMap.defaultMode`));
  }
  if (v.secret) {
    if (!v.secret.secretName) errs.push(required(`${path}.secret.secretName`));
    errs.push(...validateMode(v.secret.defaultMode, `${path}.secret.defaultMode`));
  }
  return errs;
}

function validateVolumes(volumes: Volume[] | undefined, path: string): { names: Set<string>; errs: ErrorList } {
  const names = new Set<string>();
  const errs: ErrorList = [];
  (volumes ?? []).forEach((v, i) => {
    const p = `${path}[${i}]`;
    const el = validateVolumeSource(v, p);
    if (!v.name) el.push(required(`${p}.name`));
    else el.push(...invalidEach(`${p}.name`, v.name, isDNS1123Label(v.name)));
    if (names.has(v.name)) el.push(duplicate(`${p}.name`, v.name));
    if (el.length === 0) names.add(v.name);
    else errs.push(...el);
  });
  return { names, errs };
}

function validatePorts(ports: Container['ports'], path: string): ErrorList {
  const errs: ErrorList = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const p = `${path}[${i}]`;
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length) errs.push(...invalidEach(`${p}.name`, port.name, msgs));
      else if (names.has(port.name)) errs.push(duplicate(`${p}.name`, port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(required(`${p}.containerPort`));
    else errs.push(...invalidEach(`${p}.containerPort`, port.containerPort, isValidPortNum(port.containerPort)));
    if (port.hostPort) errs.push(...invalidEach(`${p}.hostPort`, port.hostPort, isValidPortNum(port.hostPort)));
    if (!port.protocol) errs.push(required(`${p}.protocol`));
    else if (!PORT_PROTOCOLS.includes(port.protocol)) errs.push(notSupported(`${p}.protocol`, port.protocol, PORT_PROTOCOLS));
  });
  return errs;
}

function validateKeySelector(ref: { name?: string; key: string }, path: string): ErrorList {
  const errs = invalidEach(`${path}.name`, ref.name ?? '', subdomain(ref.name ?? '', false));
  if (!ref.key) errs.push(required(`${path}.key`));
  else errs.push(...invalidEach(`${path}.key`, ref.key, isConfigMapKey(ref.key)));
  return errs;
}

function validateValueFrom(ev: EnvVar, path: string): ErrorList {
  const from = ev.valueFrom;
  if (!from) return [];
  const errs: ErrorList = [];
  let sources = 0;
  if (from.fieldRef) {
    sources++;
    const fp = from.fieldRef.fieldPath;
    if (!fp) errs.push(required(`${path}.fieldRef.fieldPath`));
    else if (!ENV_FIELD_PATHS.includes(fp) && !/^metadata\.(labels|annotations)\['[^']+'\]$/.test(fp)) {
      errs.push(notSupported(`${path}.fieldRef.fieldPath`, fp, ENV_FIELD_PATHS));
    }
  }
  if (from.resourceFieldRef) sources++;
  if (from.configMapKeyRef) { sources++; errs.push(...validateKeySelector(from.configMapKeyRef, `${path}.configMapKeyRef`)); }
  if (from.secretKeyRef) { sources++; errs.push(...validateKeySelector(from.secretKeyRef, `${path}.secretKeyRef`)); }
  if (sources === 0) errs.push(invalidValue(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  else if (ev.value) errs.push(invalidValue(path, '', 'may not be specified when `value` is not empty'));
  else if (sources > 1) errs.push(invalidValue(path, '', 'may not have more than one field specified at a time'));
  return errs;
}

function validateEnv(env: Container['env'], path: string): ErrorList {
  const errs: ErrorList = [];
  (env ?? []).forEach((ev, i) => {
    const p = `${path}[${i}]`;
    if (!ev.name) errs.push(required(`${p}.name`));
    else if (ev.name.includes('=')) errs.push(invalidValue(`${p}.name`, ev.name, "a valid environment variable name must consist only of printable ASCII characters other than '='"));
    errs.push(...validateValueFrom(ev, `${p}.valueFrom`));
  });
  return errs;
}

function validateEnvFrom(envFrom: Container['envFrom'], path: string): ErrorList {
  const errs: ErrorList = [];
  const prefixed = nameCheck(isDNS1123Subdomain);
  (envFrom ?? []).forEach((src, i) => {
    const p = `${path}[${i}]`;
    let sources = 0;
    for (const [key, ref] of [['configMapRef', src.configMapRef], ['secretRef', src.secretRef]] as const) {
      if (!ref) continue;
      sources++;
      if (!ref.name) errs.push(required(`${p}.${key}.name`));
      else errs.push(...invalidEach(`${p}.${key}.name`, ref.name, prefixed(ref.name, true)));
    }
    if (sources === 0) errs.push(invalidValue(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) errs.push(forbiddenField(path, 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateVolumeMounts(mounts: Container['volumeMounts'], volumes: Set<string>, path: string): ErrorList {
  const errs: ErrorList = [];
  const seen = new Set<string>();
  (mounts ?? []).forEach((m, i) => {
    const p = `${path}[${i}]`;
    if (!m.name) errs.push(required(`${p}.name`));
    if (!volumes.has(m.name)) errs.push(notFoundField(`${p}.name`, m.name));
    if (!m.mountPath) errs.push(required(`${p}.mountPath`));
    if (seen.has(m.mountPath)) errs.push(invalidValue(`${p}.mountPath`, m.mountPath, 'must be unique'));
    seen.add(m.mountPath);
  });
  return errs;
}

function validateContainerCommon(c: Container, volumes: Set<string>, path: string): ErrorList {
  const errs: ErrorList = [];
  if (!c.name) errs.push(required(`${path}.name`));
  else errs.push(...invalidEach(`${path}.name`, c.name, isDNS1123Label(c.name)));
  if (!c.image) errs.push(required(`${path}.image`));
  const tmp = c.terminationMessagePolicy;
  if (!tmp) errs.push(required(`${path}.terminationMessagePolicy`, "must be 'File' or 'FallbackToLogsOnError'"));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') errs.push(invalidValue(`${path}.terminationMessagePolicy`, tmp, "must be 'File' or 'FallbackToLogsOnError'"));
  errs.push(...validatePorts(c.ports, `${path}.ports`));
  errs.push(...validateEnv(c.env, `${path}.env`));
  errs.push(...validateEnvFrom(c.envFrom, `${path}.envFrom`));
  errs.push(...validateVolumeMounts(c.volumeMounts, volumes, `${path}.volumeMounts`));
  const pull = c.imagePullPolicy;
  if (!pull) errs.push(required(`${path}.imagePullPolicy`));
  else if (!PULL_POLICIES.includes(pull)) errs.push(notSupported(`${path}.imagePullPolicy`, pull, PULL_POLICIES));
  return errs;
}

function validateContainers(containers: Container[] | undefined, volumes: Set<string>, names: Set<string>, path: string, requireOne: boolean): ErrorList {
  if (!containers?.length) return requireOne ? [required(path)] : [];
  const errs: ErrorList = [];
  containers.forEach((c, i) => {
    const p = `${path}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, p));
    if (names.has(c.name)) errs.push(duplicate(`${p}.name`, c.name));
    else names.add(c.name);
  });
  return errs;
}

export function validatePodSpec(spec: PodSpec | undefined, path: string): ErrorList {
  const s = spec ?? ({} as PodSpec);
  const errs: ErrorList = [];
  const { names: volumes, errs: volErrs } = validateVolumes(s.volumes, `${path}.volumes`);
  errs.push(...volErrs);
  const containerNames = new Set<string>();
  errs.push(...validateContainers(s.containers, volumes, containerNames, `${path}.containers`, true));
  errs.push(...validateContainers(s.initContainers, volumes, containerNames, `${path}.initContainers`, false));
  const restart = s.restartPolicy;
  if (!restart) errs.push(required(`${path}.restartPolicy`));
  else if (!RESTART_POLICIES.includes(restart)) errs.push(notSupported(`${path}.restartPolicy`, restart, RESTART_POLICIES));
  const dns = s.dnsPolicy;
  if (!dns) errs.push(required(`${path}.dnsPolicy`));
  else if (!DNS_POLICIES.includes(dns)) errs.push(notSupported(`${path}.dnsPolicy`, dns, DNS_POLICIES));
  errs.push(...validateLabels(s.nodeSelector, `${path}.nodeSelector`));
  if (s.serviceAccountName) errs.push(...invalidEach(`${path}.serviceAccountName`, s.serviceAccountName, isDNS1123Subdomain(s.serviceAccountName)));
  if (s.nodeName) errs.push(...invalidEach(`${path}.nodeName`, s.nodeName, isDNS1123Subdomain(s.nodeName)));
  const deadline = s.activeDeadlineSeconds;
  if (deadline !== undefined && (deadline < 1 || deadline > 2147483647)) {
    errs.push(invalidValue(`${path}.activeDeadlineSeconds`, deadline, inclusiveRangeError(1, 2147483647)));
  }
  if (s.hostname) errs.push(...invalidEach(`${path}.hostname`, s.hostname, isDNS1123Label(s.hostname)));
  return errs;
}

export function validatePod(pod: Pod): ErrorList {
  return [...validateObjectMeta(pod.metadata, subdomain), ...validatePodSpec(pod.spec, 'spec')];
}

/** ValidatePodTemplateSpec: note the labels path has no `metadata` (`spec.template.labels`). */
export function validatePodTemplate(t: PodTemplateSpec, path: string): ErrorList {
  return [
    ...validateLabels(t.metadata?.labels, `${path}.labels`),
    ...validateAnnotations(t.metadata?.annotations, `${path}.annotations`),
    ...validatePodSpec(t.spec, `${path}.spec`),
  ];
}

