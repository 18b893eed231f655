// The `/` filter: plain text matches anywhere in a row (case-insensitive, like k9s), `-l key=value`
// is a label selector in the API's syntax (`-l app=web,tier!=db`, `-l 'env in (a,b)'`).
import { matchesRequirements, parseLabelSelector, type Requirement } from '../../backends/contract/selectors.js';
import type { KubeObject } from '../../backends/contract/types.js';

export type RowFilter =
  | { kind: 'none' }
  | { kind: 'text'; text: string }
  | { kind: 'label'; selector: string; requirements: Requirement[] };

export const NO_FILTER: RowFilter = { kind: 'none' };

/** Throws the API's BadRequest for a selector it would reject. */
export function parseRowFilter(input: string): RowFilter {
  const s = input.trim();
  if (!s) return NO_FILTER;
  const label = /^-l(?:\s+|=)(.*)$/.exec(s);
  if (label) {
    const selector = label[1].trim().replace(/^(['"])(.*)\1$/, '$2');
    return { kind: 'label', selector, requirements: parseLabelSelector(selector) };
  }
  return { kind: 'text', text: s.toLowerCase() };
}

export function describeFilter(f: RowFilter): string {
  return f.kind === 'none' ? '' : f.kind === 'text' ? f.text : `-l ${f.selector}`;
}

/** `textOf` gives the row's searchable text (its cells), asked only for text filters. */
export function matchesRowFilter(obj: KubeObject, f: RowFilter, textOf: () => string): boolean {
  switch (f.kind) {
    case 'none': return true;
    case 'label': return matchesRequirements(obj.metadata?.labels, f.requirements);
    case 'text': return textOf().toLowerCase().includes(f.text);
  }
}
