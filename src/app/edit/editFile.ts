// The file `e` hands to the editor, as `kubectl edit` writes it: a comment header (with the
// reasons a previous save was refused), then the object as YAML without managedFields.
import yaml from 'js-yaml';
import type { KubeObject } from '../../../backends/contract/types.js';

/** Why the file is opened again: a headline, and one `* ` line per cause. */
export interface EditReason {
  head: string;
  causes: string[];
}

const HEADER = [
  "# Please edit the object below. Lines beginning with a '#' will be ignored,",
  '# and an empty file will abort the edit. If an error occurs while saving this file will be',
  '# reopened with the relevant failures.',
  '#',
];

/** A line break inside a reason continues the comment (kubectl's hashOnLineBreak). */
function commented(text: string): string {
  return text.replace(/\n(?!#)/g, '\n# ');
}

export function editHeader(reasons: readonly EditReason[]): string {
  const lines = [...HEADER];
  for (const r of reasons) {
    lines.push(`# ${commented(r.head)}${r.causes.length ? ':' : ''}`);
    for (const c of r.causes) lines.push(`# * ${commented(c)}`);
    lines.push('#');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The object as the editor shows it: managedFields and status left out.
 * Deviation: `kubectl edit` shows status too (the server ignores changes to it); the dashboard
 * leaves it out to keep the file short, and sends the status it read back unchanged.
 */
export function editableYaml(obj: KubeObject): string {
  const shown = structuredClone(obj);
  delete shown.status;
  if (shown.metadata) delete shown.metadata.managedFields;
  return yaml.dump(shown, { sortKeys: true, lineWidth: -1, noRefs: true, quotingType: '"', schema: EDIT_SCHEMA });
}

/**
 * The saved file is read as kubectl reads YAML (YAML 1.1: `1_000` and `0b101` are numbers); a
 * string that would read back as a number is written quoted. Matching is broad on purpose: a
 * quoted string is always read as a string.
 */
const EDIT_SCHEMA = yaml.DEFAULT_SCHEMA.extend({
  implicit: [new yaml.Type('tag:kdash/number-like', {
    kind: 'scalar',
    resolve: (s: string) => /\d/.test(s) && /^[-+]?(0[xXoObB])?[0-9a-fA-F_.]+([eE][-+]?[0-9]+)?$/.test(s),
    construct: (s: string) => s,
  })],
});

/** The text without comment lines (kubectl's StripComments: lines whose first non-blank is `#`). */
export function stripComments(text: string): string {
  return text.split('\n').filter((l) => !l.trimStart().startsWith('#')).join('\n');
}

/** Whether any line holds something other than blanks or a comment. */
export function hasContent(text: string): boolean {
  return text.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('#'));
}
