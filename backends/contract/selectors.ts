// Label and field selectors in the syntax the API accepts (`a=b,c!=d,e in (x,y),!f`).
import { badRequest } from './errors.js';
import type { LabelSelector } from './types.js';

export type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'doesnotexist' };

export type Labels = Record<string, string> | undefined;

/** Splits on commas that are not inside parentheses. */
function splitTerms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out.map((t) => t.trim()).filter((t) => t.length > 0);
}

export function parseLabelSelector(s: string | undefined): Requirement[] {
  if (!s || !s.trim()) return [];
  return splitTerms(s).map((term) => {
    let m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (m) return { key: m[1], op: m[2] as 'in' | 'notin', values: m[3].split(',').map((v) => v.trim()).filter(Boolean) };
    m = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(term);
    if (m) return { key: m[1], op: m[2] === '!=' ? 'notin' : 'in', values: [m[3]] };
    m = /^!\s*([\w./-]+)$/.exec(term);
    if (m) return { key: m[1], op: 'doesnotexist' };
    m = /^([\w./-]+)$/.exec(term);
    if (m) return { key: m[1], op: 'exists' };
    throw badRequest(`unable to parse requirement: found '${term}', expected: identifier`);
  });
}

export function matchesRequirements(labels: Labels, reqs: Requirement[]): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case 'exists': return has;
      case 'doesnotexist': return !has;
      case 'in': return has && r.values.includes(l[r.key]);
      case 'notin': return !has || !r.values.includes(l[r.key]);
    }
  });
}

export function matchesLabelSelectorString(labels: Labels, selector: string | undefined): boolean {
  return matchesRequirements(labels, parseLabelSelector(selector));
}

/** metav1.LabelSelector to requirements. An empty selector matches everything; a null one nothing. */
export function requirementsOf(sel: LabelSelector | undefined): Requirement[] {
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(sel?.matchLabels ?? {})) reqs.push({ key, op: 'in', values: [value] });
  for (const e of sel?.matchExpressions ?? []) {
    const op = e.operator.toLowerCase();
    if (op === 'in' || op === 'notin') reqs.push({ key: e.key, op, values: e.values ?? [] });
    else if (op === 'exists') reqs.push({ key: e.key, op: 'exists' });
    else reqs.push({ key: e.key, op: 'doesnotexist' });
  }
  return reqs;
}

/** Like matchesRequirements(labels, requirementsOf(sel)), read straight off the selector: controllers call it per object per sync. */
export function selectorMatches(sel: LabelSelector | undefined, labels: Labels): boolean {
  if (!sel) return false;
  const l = labels ?? {};
  const has = (key: string) => Object.prototype.hasOwnProperty.call(l, key);
  const wanted = sel.matchLabels;
  if (wanted) for (const key in wanted) if (!has(key) || l[key] !== wanted[key]) return false;
  for (const e of sel.matchExpressions ?? []) {
    switch (e.operator.toLowerCase()) {
      case 'in': if (!has(e.key) || !(e.values ?? []).includes(l[e.key])) return false; break;
      case 'notin': if (has(e.key) && (e.values ?? []).includes(l[e.key])) return false; break;
      case 'exists': if (!has(e.key)) return false; break;
      default: if (has(e.key)) return false;
    }
  }
  return true;
}

/** metav1.FormatLabelSelector: `a=b,c in (x,y)`, `<none>` when empty. */
export function formatLabelSelector(sel: LabelSelector | undefined): string {
  const parts: string[] = [];
  for (const k of Object.keys(sel?.matchLabels ?? {}).sort()) parts.push(`${k}=${sel!.matchLabels![k]}`);
  for (const e of sel?.matchExpressions ?? []) {
    const op = e.operator;
    if (op === 'In') parts.push(`${e.key} in (${(e.values ?? []).join(',')})`);
    else if (op === 'NotIn') parts.push(`${e.key} notin (${(e.values ?? []).join(',')})`);
    else if (op === 'Exists') parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.length ? parts.join(',') : '<none>';
}

/** labels.FormatLabels: keys sorted, `<none>` when empty. */
export function formatLabels(labels: Labels): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(',') : '<none>';
}

export interface FieldRequirement { path: string; op: '=' | '!='; value: string }

export function parseFieldSelector(s: string | undefined): FieldRequirement[] {
  if (!s || !s.trim()) return [];
  return splitTerms(s).map((term) => {
    const m = /^([\w.{}\[\]-]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw badRequest(`invalid selector: '${term}'; can't understand '${term}'`);
    return { path: m[1], op: m[2] === '!=' ? '!=' : '=', value: m[3] };
  });
}

/** Reads a dotted field path (`status.phase`, `involvedObject.name`) from an object as a string. */
export function fieldValue(obj: unknown, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === undefined || cur === null) return '';
  return String(cur);
}

export function matchesFields(obj: unknown, reqs: FieldRequirement[]): boolean {
  return reqs.every((r) => (fieldValue(obj, r.path) === r.value) === (r.op === '='));
}
