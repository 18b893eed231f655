// Reading manifests the way `kubectl apply -f` does: a file, or every .json/.yaml/.yml file of a
// folder in name order; multi-document YAML split on `---` lines; YAML scalars resolved as
// kubectl's YAML library (go-yaml v2, YAML 1.1) resolves them, so `yes` is a boolean and
// `0644` is octal, exactly as the object reaches the API server from kubectl.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import yaml from 'js-yaml';
import type { KubeObject } from '../../backends/contract/types.js';
import { KubectlError } from './errors.js';

export interface ManifestSource {
  /** The path as given (or joined with the folder), used in messages like kubectl's. */
  path: string;
  text: string;
}

export interface ManifestDocument {
  source: string;
  /** 1-based number of the document in its file, empty documents not counted. */
  document: number;
  object: KubeObject;
}

/** A manifest kubectl could not read; names the file and the document. */
export class ManifestError extends KubectlError {
  constructor(message: string, readonly source: string, readonly document: number) {
    super(message);
    this.name = 'ManifestError';
  }
}

const EXTENSIONS = ['.json', '.yaml', '.yml'];

/** The files `kubectl apply -f <path>` reads (a folder: its manifest files, not recursively). */
export async function loadManifestSources(pathOrFolder: string): Promise<ManifestSource[]> {
  let info;
  try {
    info = await stat(pathOrFolder);
  } catch {
    throw new KubectlError(`error: the path "${pathOrFolder}" does not exist`);
  }
  if (!info.isDirectory()) return [{ path: pathOrFolder, text: await readFile(pathOrFolder, 'utf8') }];
  const names = (await readdir(pathOrFolder, { withFileTypes: true }))
    .filter((e) => e.isFile() && EXTENSIONS.some((ext) => e.name.endsWith(ext)))
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: ManifestSource[] = [];
  for (const name of names) {
    const path = join(pathOrFolder, name);
    out.push({ path, text: await readFile(path, 'utf8') });
  }
  return out;
}

// ---- YAML 1.1 scalars as go-yaml v2 resolves them ----

const NULLS = new Set(['~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSES = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** strconv.ParseInt(s, 0, 64): decimal, 0x hex, 0o or leading-0 octal, 0b binary. */
function goParseInt(s: string): number | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2];
  let n: number;
  if (/^0[xX]/.test(body)) n = parseInt(body.slice(2), 16);
  else if (/^0[oO]/.test(body)) n = parseInt(body.slice(2), 8);
  else if (/^0[bB]/.test(body)) n = parseInt(body.slice(2), 2);
  else if (body.length > 1 && body.startsWith('0')) n = parseInt(body.slice(1), 8);
  else n = parseInt(body, 10);
  return m[1] === '-' ? -n : n;
}

function resolveNumber(s: string): number | undefined {
  const plain = s.replace(/_/g, '');
  const i = goParseInt(plain);
  if (i !== undefined) return i;
  if (FLOAT.test(plain)) return Number(plain);
  return undefined;
}

const KUBE_YAML_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    new yaml.Type('tag:yaml.org,2002:null', {
      kind: 'scalar', resolve: (d: string) => d === '' || NULLS.has(d), construct: () => null,
    }),
    new yaml.Type('tag:yaml.org,2002:bool', {
      kind: 'scalar', resolve: (d: string) => TRUES.has(d) || FALSES.has(d), construct: (d: string) => TRUES.has(d),
    }),
    new yaml.Type('tag:yaml.org,2002:int', {
      kind: 'scalar', resolve: (d: string) => goParseInt(d.replace(/_/g, '')) !== undefined, construct: (d: string) => resolveNumber(d),
    }),
    new yaml.Type('tag:yaml.org,2002:float', {
      kind: 'scalar', resolve: (d: string) => FLOAT.test(d.replace(/_/g, '')), construct: (d: string) => resolveNumber(d),
    }),
  ],
});

/** yaml.NewYAMLReader: a line starting with `---` followed by nothing or a comment separates documents. */
export function splitYamlDocuments(text: string): string[] {
  const docs: string[] = [];
  let cur: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest === '' || rest.startsWith('#')) {
        docs.push(cur.join('\n'));
        cur = [];
        continue;
      }
    }
    cur.push(line);
  }
  docs.push(cur.join('\n'));
  return docs;
}

function isEmptyDocument(doc: string): boolean {
  return doc.split('\n').every((l) => l.trim() === '' || l.trim().startsWith('#'));
}

/** Deviation: the reason after `yaml: line N:` is js-yaml's wording, not go-yaml's. */
function yamlReason(e: unknown, doc: string): string {
  if (!(e instanceof yaml.YAMLException)) return String(e);
  const line = (e.mark?.line ?? 0) + 1;
  if (e.reason === 'duplicated mapping key') {
    const key = (doc.split('\n')[line - 1] ?? '').slice(e.mark?.column ?? 0).split(':')[0].trim();
    return `yaml: unmarshal errors:\n  line ${line}: key ${JSON.stringify(key)} already set in map`;
  }
  return `yaml: line ${line}: ${e.reason}`;
}

/** Parses every document of every source, in order; kind `List` is expanded into its items. */
export function parseManifests(sources: ManifestSource[]): ManifestDocument[] {
  const out: ManifestDocument[] = [];
  for (const src of sources) {
    let n = 0;
    for (const doc of splitYamlDocuments(src.text)) {
      if (isEmptyDocument(doc)) continue;
      n++;
      let value: unknown;
      try {
        value = yaml.load(doc, { schema: KUBE_YAML_SCHEMA, filename: basename(src.path) });
      } catch (e) {
        throw new ManifestError(`error: error parsing ${src.path}: error converting YAML to JSON: ${yamlReason(e, doc)}`, src.path, n);
      }
      if (value === null || value === undefined) { n--; continue; }
      if (typeof value !== 'object' || Array.isArray(value)) {
        const what = Array.isArray(value) ? 'array' : typeof value === 'string' ? 'string' : typeof value;
        throw new ManifestError(`error: error parsing ${src.path}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${what} into Go value of type map[string]interface {}`, src.path, n);
      }
      const obj = value as KubeObject;
      if (obj.kind === 'List' && Array.isArray(obj.items)) {
        for (const item of obj.items as KubeObject[]) out.push({ source: src.path, document: n, object: item });
      } else {
        out.push({ source: src.path, document: n, object: obj });
      }
    }
  }
  return out;
}
