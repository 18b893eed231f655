// Values printed the way Go's fmt prints them in apimachinery's field errors: strings with %q,
// numbers and booleans with %v, and everything else with %#v, which is what a v1.33 server
// shows for non-scalar invalid values (`map[string]string{"app":"x"}`; JSON from v1.34).
import type { LabelSelector } from '../../contract/types.js';

/** A value already rendered in Go syntax (a struct, a map...), printed as is. */
export class GoValue {
  constructor(readonly text: string) {}
}

const ESCAPES: Record<string, string> = {
  '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\',
};

/** strconv.Quote: printable characters as they are, the rest escaped. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ESCAPES[ch]) out += ESCAPES[ch];
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code >= 0x80 && code < 0xa0) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** %#v of a map[string]string: keys sorted, `map[string]string(nil)` when absent. */
export function goStringMap(m: Record<string, string> | undefined | null): string {
  if (m === undefined || m === null) return 'map[string]string(nil)';
  const entries = Object.keys(m).sort().map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`);
  return `map[string]string{${entries.join(', ')}}`;
}

/** %#v of a []string. */
export function goStringSlice(v: string[] | undefined | null): string {
  if (v === undefined || v === null) return '[]string(nil)';
  return `[]string{${v.map(goQuote).join(', ')}}`;
}

/** %#v of a metav1.LabelSelector value (the error dereferences the *LabelSelector). */
export function goLabelSelector(sel: LabelSelector | undefined | null): GoValue {
  if (sel === undefined || sel === null) return new GoValue('null');
  const exprs = sel.matchExpressions;
  const exprText = exprs === undefined || exprs === null
    ? '[]v1.LabelSelectorRequirement(nil)'
    : `[]v1.LabelSelectorRequirement{${exprs.map((e) =>
      `v1.LabelSelectorRequirement{Key:${goQuote(e.key ?? '')}, Operator:${goQuote(e.operator ?? '')}, Values:${goStringSlice(e.values)}}`).join(', ')}}`;
  return new GoValue(`v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${exprText}}`);
}

/** %#v of an intstr.IntOrString (Type 0 = Int, 1 = String). */
export function goIntOrString(v: number | string | undefined | null): GoValue {
  if (typeof v === 'string') return new GoValue(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`);
  return new GoValue(`intstr.IntOrString{Type:0, IntVal:${v ?? 0}, StrVal:""}`);
}

/** How field.Error.ErrorBody prints a bad value. */
export function goValue(v: unknown): string {
  if (v instanceof GoValue) return v.text;
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return goStringSlice(v as string[]);
  if (typeof v === 'object' && Object.values(v as object).every((x) => typeof x === 'string')) {
    return goStringMap(v as Record<string, string>);
  }
  return JSON.stringify(v);
}
