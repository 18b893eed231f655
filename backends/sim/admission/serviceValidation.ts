// ValidateService (pkg/apis/core/validation): ports, selector, type, session affinity.
// NodePort range and allocation conflicts are checked by the network's allocator.
import type { Service } from '../../contract/types.js';
import {
  duplicate, forbiddenField, invalidEach, invalidValue, notSupported, required, type ErrorList,
} from './fieldErrors.js';
import { GoValue, goQuote } from './goSyntax.js';
import { validateLabels, validateObjectMeta } from './metaValidation.js';
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isValidPortName, isValidPortNum, nameCheck } from './names.js';

type ServicePort = NonNullable<NonNullable<Service['spec']>['ports']>[number];

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const AFFINITIES = ['ClientIP', 'None'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validatePort(sp: ServicePort, requireName: boolean, names: Set<string>, path: string): ErrorList {
  const errs: ErrorList = [];
  if (requireName && !sp.name) errs.push(required(`${path}.name`));
  else if (sp.name) {
    errs.push(...invalidEach(`${path}.name`, sp.name, isDNS1123Label(sp.name)));
    if (names.has(sp.name)) errs.push(duplicate(`${path}.name`, sp.name));
    else names.add(sp.name);
  }
  errs.push(...invalidEach(`${path}.port`, sp.port ?? 0, isValidPortNum(sp.port ?? 0)));
  if (!sp.protocol) errs.push(required(`${path}.protocol`));
  else if (!PROTOCOLS.includes(sp.protocol)) errs.push(notSupported(`${path}.protocol`, sp.protocol, PROTOCOLS));
  const target = sp.targetPort;
  if (typeof target === 'string') errs.push(...invalidEach(`${path}.targetPort`, target, isValidPortName(target)));
  else errs.push(...invalidEach(`${path}.targetPort`, target ?? 0, isValidPortNum(target ?? 0)));
  return errs;
}

/** The `core.ServicePort{...}` key a duplicate (protocol, port) pair is reported with. */
function portKey(protocol: string, port: number): GoValue {
  return new GoValue(`core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`);
}

export function validateService(svc: Service): ErrorList {
  const spec = svc.spec ?? {};
  const errs = validateObjectMeta(svc.metadata, nameCheck(isDNS1035Label));
  const ports = spec.ports ?? [];
  const headless = spec.clusterIP === 'None';
  if (ports.length === 0 && !headless && spec.type !== 'ExternalName') errs.push(required('spec.ports'));
  if (spec.type === 'ExternalName') {
    const cname = (spec.externalName ?? '').replace(/\.$/, '');
    if (cname) errs.push(...invalidEach('spec.externalName', cname, isDNS1123Subdomain(cname)));
    else errs.push(required('spec.externalName'));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validatePort(p, ports.length > 1, names, `spec.ports[${i}]`)));
  if (spec.selector) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  const affinity = spec.sessionAffinity;
  if (!affinity) errs.push(required('spec.sessionAffinity'));
  else if (!AFFINITIES.includes(affinity)) errs.push(notSupported('spec.sessionAffinity', affinity, AFFINITIES));
  if (affinity === 'None' && spec.sessionAffinityConfig) errs.push(forbiddenField('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  if (!spec.type) errs.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(spec.type)) errs.push(notSupported('spec.type', spec.type, SERVICE_TYPES));
  if (spec.type === 'ClusterIP') {
    ports.forEach((p, i) => { if (p.nodePort) errs.push(forbiddenField(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'")); });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const key = `${p.protocol}/${p.nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
    nodePorts.add(key);
  });
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol}/${p.port}`;
    if (seen.has(key)) errs.push(duplicate(`spec.ports[${i}]`, portKey(p.protocol ?? '', p.port ?? 0)));
    seen.add(key);
  });
  return errs;
}
