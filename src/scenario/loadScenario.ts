// Finds and reads scenario files: a shipped one by name (scenarios/<name>.yaml) or a user's file
// by path. Every manifest is parsed and kind-checked as the file loads; dryRunScenario then has
// the API server validate each apply step's objects (server dry-run, as `kubectl apply` does).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import type { Backend } from '../../backends/contract/backend.js';
import { applyManifests, formatApplyError } from '../ops/apply.js';
import { parseManifests, type ManifestSource } from '../ops/manifests.js';
import { ScenarioError } from './scenarioError.js';
import type { Scenario } from './scenarioTypes.js';
import { validateScenario } from './validateScenario.js';

const MARKER = 'blue-green.yaml';

/** The folder of the shipped scenarios, found from this module (sources) or the bundle (dist/). */
export function scenariosDirectory(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'scenarios');
    if (existsSync(join(candidate, MARKER))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return resolve('scenarios');
}

export function listScenarios(dir = scenariosDirectory()): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();
  } catch {
    return [];
  }
}

function isPath(nameOrPath: string): boolean {
  return nameOrPath.includes('/') || /\.ya?ml$/.test(nameOrPath);
}

/** Parses scenario text; `source` names the file in errors and anchors relative manifest paths. */
export function parseScenario(text: string, source: string): Scenario {
  let raw: unknown;
  try {
    raw = yaml.load(text, { filename: source });
  } catch (e) {
    throw new ScenarioError(source, `not valid YAML: ${e instanceof yaml.YAMLException ? `line ${(e.mark?.line ?? 0) + 1}: ${e.reason}` : String(e)}`);
  }
  const base = dirname(source);
  const read = (rel: string): ManifestSource => {
    const path = join(base, rel);
    return { path, text: readFileSync(path, 'utf8') };
  };
  return validateScenario(raw, source, read);
}

/** A shipped scenario by name (`blue-green`) or a scenario file by path (`./my.yaml`). */
export function loadScenario(nameOrPath: string, dir = scenariosDirectory()): Scenario {
  const file = isPath(nameOrPath) ? nameOrPath : join(dir, `${nameOrPath}.yaml`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    const known = isPath(nameOrPath) ? 'cannot read the file' : `no such scenario "${nameOrPath}" (scenarios: ${listScenarios(dir).join(', ')})`;
    throw new ScenarioError(file, known);
  }
  return parseScenario(text, file);
}

/**
 * Server dry-run of every apply step, in order, changing nothing. A namespace created by an
 * earlier step is sent along (dry-run) so objects in it validate.
 */
export async function dryRunScenario(b: Backend, s: Scenario): Promise<void> {
  const namespaces: ManifestSource[] = [];
  for (const [i, step] of s.steps.entries()) {
    if (step.action.kind !== 'apply') continue;
    const { sources, namespace } = step.action;
    try {
      await applyManifests(b, [...namespaces, ...sources], { namespace, dryRun: true });
    } catch (e) {
      throw new ScenarioError(s.source, formatApplyError(e), { index: i + 1, title: step.title });
    }
    for (const d of parseManifests(sources)) {
      if (d.object.kind === 'Namespace') namespaces.push({ path: d.source, text: yaml.dump(d.object) });
    }
  }
}
