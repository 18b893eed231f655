// genericDescriber: every field of the object, with labels made from the field names.
import type { KubeObject } from '../../../backends/contract/types.js';
import type { DescribeInput } from './describeInput.js';
import { describeEvents } from './events.js';
import { printAnnotationsMultiline, printLabelsMultiline } from './metadataLines.js';
import { LEVEL_0, tabbedString, type PrefixWriter } from './prefixWriter.js';

const SKIPPED = new Set(['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);
const ACRONYMS = ['API', 'URL', 'UID', 'OSB', 'GUID'];

/** fatih/camelcase.Split: runs of lower / upper / digit / other, `PDFLoader` -> `PDF`, `Loader`. */
export function camelSplit(s: string): string[] {
  const classOf = (c: string) => (/\p{Ll}/u.test(c) ? 1 : /\p{Lu}/u.test(c) ? 2 : /\p{Nd}/u.test(c) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const ch of s) {
    const cls = classOf(ch);
    if (cls === last) runs[runs.length - 1].push(ch);
    else runs.push([ch]);
    last = cls;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (classOf(runs[i][0]) === 2 && classOf(runs[i + 1][0]) === 1) {
      runs[i + 1].unshift(runs[i].pop()!);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

/** smartLabelFor: `apiVersion` -> `API Version`, `creationTimestamp` -> `Creation Timestamp`. */
export function smartLabelFor(field: string): string {
  if ([...field].some((c) => !/\p{L}/u.test(c) && c !== '-')) return field;
  return camelSplit(field)
    .filter((p) => p !== '_')
    .map((p) => (ACRONYMS.includes(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1)))
    .join(' ');
}

/** Go's %v of a JSON scalar. */
function scalar(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  return String(v);
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function printContent(w: PrefixWriter, level: number, content: Record<string, unknown>, prefix: string): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (SKIPPED.has(path) || value === undefined) continue;
    if (isMap(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printContent(w, level + 1, value, path);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (isMap(child)) printContent(w, level + 1, child, path);
        else w.write(level + 1, `${scalar(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${scalar(value)}\n`);
    }
  }
}

export function describeGeneric(input: DescribeInput<KubeObject>): string {
  const obj = input.object;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata?.annotations);
    printContent(w, LEVEL_0, obj as Record<string, unknown>, '');
    if (input.events) describeEvents(input.events, w, input.now);
  });
}
