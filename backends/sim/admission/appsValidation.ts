// ValidateDeployment / ValidateReplicaSet and their updates (pkg/apis/apps/validation), in the
// order the apiserver reports the causes.
import { selectorMatches } from '../../contract/selectors.js';
import type { Deployment, LabelSelector, PodTemplateSpec, ReplicaSet } from '../../contract/types.js';
import {
  forbiddenField, invalidEach, invalidValue, notSupported, required, type ErrorList,
} from './fieldErrors.js';
import { GoValue, goIntOrString, goLabelSelector, goStringMap } from './goSyntax.js';
import { validateLabelSelector, validateObjectMeta } from './metaValidation.js';
import { isDNS1123Subdomain, isValidPercent, nameCheck } from './names.js';
import { validatePodTemplate } from './podValidation.js';

const NEGATIVE = 'must be greater than or equal to 0';
const subdomain = nameCheck(isDNS1123Subdomain);

function nonNegative(value: number | undefined, path: string): ErrorList {
  return (value ?? 0) < 0 ? [invalidValue(path, value, NEGATIVE)] : [];
}

function validateSelector(sel: LabelSelector | undefined, path: string): ErrorList {
  if (!sel) return [required(path)];
  const errs = validateLabelSelector(sel, path);
  if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions?.length ?? 0) === 0) {
    // The ReplicaSet check says "deployment" too.
    errs.push(invalidValue(path, goLabelSelector(sel), 'empty selector is invalid for deployment'));
  }
  return errs;
}

/** ValidatePodTemplateSpecForReplicaSet. A missing selector matches nothing, so it also mismatches. */
function validateTemplate(t: PodTemplateSpec | undefined, sel: LabelSelector | undefined, path: string): ErrorList {
  const errs: ErrorList = [];
  const template = t ?? {};
  const labels = template.metadata?.labels;
  const selectorEmpty = !!sel && Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions?.length ?? 0) === 0;
  if (!selectorEmpty && !selectorMatches(sel, labels ?? {})) {
    errs.push(invalidValue(`${path}.metadata.labels`, new GoValue(goStringMap(labels)), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplate(template, path));
  const restart = template.spec?.restartPolicy;
  if (restart !== 'Always') errs.push(notSupported(`${path}.spec.restartPolicy`, restart ?? '', ['Always']));
  if (template.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(invalidValue(`${path}.spec.activeDeadlineSeconds`, template.spec.activeDeadlineSeconds, 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errs;
}

function intOrPercent(v: number | string | undefined): number {
  if (typeof v === 'string') return Number.parseInt(v, 10) || 0;
  return v ?? 0;
}

function validatePositiveIntOrPercent(v: number | string | undefined, path: string): ErrorList {
  if (typeof v === 'string') return invalidEach(path, goIntOrString(v), isValidPercent(v));
  return nonNegative(v, path);
}

type Strategy = NonNullable<NonNullable<Deployment['spec']>['strategy']>;

function validateStrategy(s: Strategy | undefined, path: string): ErrorList {
  const strategy = s ?? {};
  const errs: ErrorList = [];
  if (strategy.type === 'Recreate') {
    if (strategy.rollingUpdate) errs.push(forbiddenField(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'"));
  } else if (strategy.type === 'RollingUpdate') {
    const ru = strategy.rollingUpdate;
    if (!ru) return [required(`${path}.rollingUpdate`, 'this should be defaulted and never be nil')];
    errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, `${path}.rollingUpdate.maxUnavailable`));
    errs.push(...validatePositiveIntOrPercent(ru.maxSurge, `${path}.rollingUpdate.maxSurge`));
    if (intOrPercent(ru.maxUnavailable) === 0 && intOrPercent(ru.maxSurge) === 0) {
      errs.push(invalidValue(`${path}.rollingUpdate.maxUnavailable`, goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
    }
    if (typeof ru.maxUnavailable === 'string' && intOrPercent(ru.maxUnavailable) > 100) {
      errs.push(invalidValue(`${path}.rollingUpdate.maxUnavailable`, goIntOrString(ru.maxUnavailable), 'must not be greater than 100%'));
    }
  } else {
    const ru = strategy.rollingUpdate ? '(*apps.RollingUpdateDeployment)(0xc000a1e2c0)' : '(*apps.RollingUpdateDeployment)(nil)';
    errs.push(notSupported(path, new GoValue(`apps.DeploymentStrategy{Type:"${strategy.type ?? ''}", RollingUpdate:${ru}}`), ['Recreate', 'RollingUpdate']));
  }
  return errs;
}

export function validateDeployment(d: Deployment): ErrorList {
  const spec = d.spec ?? ({} as NonNullable<Deployment['spec']>);
  const errs = validateObjectMeta(d.metadata, subdomain);
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...validateSelector(spec.selector, 'spec.selector'));
  errs.push(...validateTemplate(spec.template, spec.selector, 'spec.template'));
  errs.push(...validateStrategy(spec.strategy, 'spec.strategy'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  if (spec.revisionHistoryLimit !== undefined) errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  const deadline = spec.progressDeadlineSeconds;
  if (deadline !== undefined) {
    errs.push(...nonNegative(deadline, 'spec.progressDeadlineSeconds'));
    if (deadline <= (spec.minReadySeconds ?? 0)) errs.push(invalidValue('spec.progressDeadlineSeconds', deadline, 'must be greater than minReadySeconds'));
  }
  return errs;
}

export function validateReplicaSet(rs: ReplicaSet): ErrorList {
  const spec = rs.spec ?? ({} as NonNullable<ReplicaSet['spec']>);
  const errs = validateObjectMeta(rs.metadata, subdomain);
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...validateSelector(spec.selector, 'spec.selector'));
  errs.push(...validateTemplate(spec.template, spec.selector, 'spec.template'));
  return errs;
}

/** apps/v1 forbids changing the selector (only extensions/v1beta1 and apps/v1beta1 allowed it). */
export function validateSelectorUnchanged(sel: LabelSelector | undefined, old: LabelSelector | undefined): ErrorList {
  const norm = (s: LabelSelector | undefined) => JSON.stringify({
    l: Object.entries(s?.matchLabels ?? {}).sort(), e: s?.matchExpressions ?? [],
  });
  if (norm(sel) === norm(old)) return [];
  return [invalidValue('spec.selector', goLabelSelector(sel), 'field is immutable')];
}
