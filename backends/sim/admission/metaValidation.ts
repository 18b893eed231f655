// ValidateObjectMeta, ValidateLabels, ValidateAnnotations and ValidateLabelSelector
// (apimachinery api/validation and apis/meta/v1/validation).
import type { LabelSelector, ObjectMeta } from '../../contract/types.js';
import {
  forbiddenField, invalidEach, invalidValue, required, type ErrorList,
} from './fieldErrors.js';
import { isQualifiedName, isValidLabelValue } from './names.js';

export type NameFn = (name: string, prefix: boolean) => string[];

const sortedKeys = (m: Record<string, string> | undefined) => Object.keys(m ?? {}).sort();

export function validateLabels(labels: Record<string, string> | undefined, path: string): ErrorList {
  const errs: ErrorList = [];
  for (const k of sortedKeys(labels)) {
    errs.push(...invalidEach(path, k, isQualifiedName(k)));
    errs.push(...invalidEach(path, labels![k], isValidLabelValue(String(labels![k]))));
  }
  return errs;
}

export function validateAnnotations(annotations: Record<string, string> | undefined, path: string): ErrorList {
  const errs: ErrorList = [];
  for (const k of sortedKeys(annotations)) errs.push(...invalidEach(path, k, isQualifiedName(k.toLowerCase())));
  return errs;
}

export function validateObjectMeta(meta: ObjectMeta | undefined, nameFn: NameFn, path = 'metadata'): ErrorList {
  const errs: ErrorList = [];
  const m = meta ?? {};
  if (m.generateName) errs.push(...invalidEach(`${path}.generateName`, m.generateName, nameFn(m.generateName, true)));
  if (!m.name) errs.push(required(`${path}.name`, 'name or generateName is required'));
  else errs.push(...invalidEach(`${path}.name`, m.name, nameFn(m.name, false)));
  if ((m.generation ?? 0) < 0) errs.push(invalidValue(`${path}.generation`, m.generation, 'must be greater than or equal to 0'));
  errs.push(...validateLabels(m.labels, `${path}.labels`));
  errs.push(...validateAnnotations(m.annotations, `${path}.annotations`));
  return errs;
}

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** ValidateLabelSelector: requirement operators, values and keys, then matchLabels. */
export function validateLabelSelector(sel: LabelSelector, path: string): ErrorList {
  const errs: ErrorList = [];
  (sel.matchExpressions ?? []).forEach((e, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    const values = e.values ?? [];
    if (e.operator === 'In' || e.operator === 'NotIn') {
      if (values.length === 0) errs.push(required(`${p}.values`, 'must be specified when `operator` is \'In\' or \'NotIn\''));
    } else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') {
      if (values.length > 0) errs.push(forbiddenField(`${p}.values`, 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\''));
    } else if (!OPERATORS.includes(e.operator)) {
      errs.push(invalidValue(`${p}.operator`, e.operator, 'not a valid selector operator'));
    }
    errs.push(...invalidEach(`${p}.key`, e.key, isQualifiedName(e.key ?? '')));
    values.forEach((v, j) => errs.push(...invalidEach(`${p}.values[${j}]`, v, isValidLabelValue(v))));
  });
  errs.push(...validateLabels(sel.matchLabels, `${path}.matchLabels`));
  return errs;
}
