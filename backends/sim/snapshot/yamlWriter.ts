// Block-style YAML for JSON values, written directly: js-yaml's dump manages about 5 MB/s, too
// slow for the snapshot of a 10,000-pod cluster (~90 MB). Strings that could read as anything but
// a string (numbers, booleans, null, times, YAML syntax) are written double-quoted, JSON style,
// which YAML reads back as the same string.

const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./@+-]*(?::[A-Za-z0-9_./@+-]+)*$/;
const RESERVED = /^(?:true|false|null|yes|no|on|off|y|n)$/i;
const UNPRINTABLE = /[\u007f-\u009f\u2028\u2029\ufeff]/g;

/** Short strings repeat a lot (keys, reasons, statuses): their written form is remembered. */
const written = new Map<string, string>();

function scalarString(s: string): string {
  const known = written.get(s);
  if (known !== undefined) return known;
  const out = PLAIN.test(s) && !RESERVED.test(s) ? s
    : JSON.stringify(s).replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (s.length <= 64 && written.size < 50_000) written.set(s, out);
  return out;
}

/** The text so far (V8 joins the appended pieces lazily, cheaper than an array of lines). */
interface Out { text: string }

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function present(v: unknown): boolean {
  return v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
}

/** A scalar or an empty collection on the same line, or undefined when it needs lines of its own. */
function inline(v: unknown): string | undefined {
  if (v === null) return 'null';
  if (typeof v === 'string') return scalarString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v !== v ? '.nan' : v > 0 ? '.inf' : '-.inf';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? '[]' : undefined;
  if (isMap(v)) return Object.values(v).some(present) ? undefined : '{}';
  return 'null';
}

function writeMap(out: Out, m: Record<string, unknown>, indent: string, firstPrefix?: string): void {
  let first = true;
  for (const [k, v] of Object.entries(m)) {
    if (!present(v)) continue;
    const lead = first && firstPrefix !== undefined ? firstPrefix : indent;
    first = false;
    const key = scalarString(k);
    const s = inline(v);
    if (s !== undefined) out.text += `${lead}${key}: ${s}\n`;
    else if (Array.isArray(v)) { out.text += `${lead}${key}:\n`; writeList(out, v, `${indent}  `); }
    else { out.text += `${lead}${key}:\n`; writeMap(out, v as Record<string, unknown>, `${indent}  `); }
  }
}

function writeList(out: Out, list: unknown[], indent: string): void {
  for (const v of list) {
    const item = present(v) ? v : null;
    const s = inline(item);
    if (s !== undefined) out.text += `${indent}- ${s}\n`;
    else if (Array.isArray(item)) { out.text += `${indent}-\n`; writeList(out, item, `${indent}  `); }
    else writeMap(out, item as Record<string, unknown>, `${indent}  `, `${indent}- `);
  }
}

/** `value` (a mapping of JSON values) as a block YAML document, ending with a newline. */
export function toYaml(value: Record<string, unknown>): string {
  const out: Out = { text: '' };
  writeMap(out, value, '');
  return out.text;
}
