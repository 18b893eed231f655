// The `:` command line: a screen by name or alias (`:po`, `:deploy kube-system`, `:svc -A`),
// `:theme NAME`, `:q` / `:quit`; with tab completion.
import { completePath } from './applyCommand.js';
import { listScenarios } from '../scenario/loadScenario.js';
import { allAliases, resolveScreen, type ScreenDef } from './screens/screenRegistry.js';

export type Command =
  | { kind: 'quit' }
  | { kind: 'none' }
  | { kind: 'theme'; name: string }
  /** `:apply -f FILE|FOLDER` (the words after `apply`). */
  | { kind: 'apply'; args: string[] }
  /** `:scenario NAME|FILE` or `:scenario off` (demo mode). */
  | { kind: 'scenario'; arg?: string }
  /** `:save FILE` (`:save! FILE` overwrites): the simulator's state as a snapshot file. */
  | { kind: 'save'; file?: string; force: boolean }
  /** `namespace`: undefined = keep the current one, null = all namespaces. */
  | { kind: 'screen'; def: ScreenDef; namespace?: string | null; args: string[] }
  | { kind: 'error'; message: string };

const QUIT = ['q', 'q!', 'quit', 'qa'];
const BUILTINS = ['quit', 'theme', 'scenario', 'apply', 'save'];

export function parseCommand(text: string): Command {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { kind: 'none' };
  const [head, ...rest] = words;
  const word = head.toLowerCase();
  if (QUIT.includes(word)) return { kind: 'quit' };
  if (word === 'theme') {
    if (rest.length !== 1) return { kind: 'error', message: 'usage: :theme NAME' };
    return { kind: 'theme', name: rest[0] };
  }
  if (word === 'apply') return { kind: 'apply', args: rest };
  if (word === 'scenario') return { kind: 'scenario', ...(rest[0] ? { arg: rest.join(' ') } : {}) };
  if (word === 'save' || word === 'save!') return { kind: 'save', force: word === 'save!', ...(rest[0] ? { file: rest.join(' ') } : {}) };
  const def = resolveScreen(word);
  if (!def) return { kind: 'error', message: `unknown command "${head}": try a resource such as po, svc, deploy, or :q` };
  if (def.kind === 'custom') return { kind: 'screen', def, args: rest };
  let namespace: string | null | undefined;
  const args: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    if (w === '-A' || w === '--all-namespaces' || w === 'all') namespace = null;
    else if ((w === '-n' || w === '--namespace') && rest[i + 1]) namespace = rest[++i];
    else if (w.startsWith('-n=') || w.startsWith('--namespace=')) namespace = w.slice(w.indexOf('=') + 1);
    else if (!w.startsWith('-') && namespace === undefined) namespace = w;
    else args.push(w);
  }
  return { kind: 'screen', def, namespace, args };
}

export interface Completion {
  text: string;
  candidates: string[];
}

function commonPrefix(words: string[]): string {
  if (words.length === 0) return '';
  let p = words[0];
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** Completes the word being typed: a command or alias, or a theme name after `theme`. */
export function completeCommand(text: string, themes: string[]): Completion {
  const m = /^(\s*)(\S*)$/.exec(text);
  if (m) {
    const prefix = m[2].toLowerCase();
    const candidates = [...new Set([...BUILTINS, ...allAliases()])].filter((a) => a.startsWith(prefix)).sort();
    if (candidates.length === 0) return { text, candidates };
    const done = candidates.length === 1 ? `${candidates[0]} ` : commonPrefix(candidates);
    return { text: m[1] + (done.length >= prefix.length ? done : prefix), candidates };
  }
  const t = /^(\s*(theme|scenario)\s+)(\S*)$/i.exec(text);
  if (t) {
    const names = t[2].toLowerCase() === 'theme' ? themes : ['off', ...listScenarios()];
    const candidates = names.filter((n) => n.startsWith(t[3]));
    if (candidates.length === 0) return { text, candidates };
    return { text: t[1] + (candidates.length === 1 ? candidates[0] : commonPrefix(candidates)), candidates };
  }
  const f = /^(\s*apply\s+(?:-f\s+|--filename\s+|-f=|--filename=))(\S*)$/i.exec(text);
  if (f) {
    const paths = completePath(f[2]);
    if (paths.length === 0) return { text, candidates: [] };
    const shown = paths.map((p) => p.slice(p.lastIndexOf('/', p.length - 2) + 1));
    return { text: f[1] + (paths.length === 1 ? paths[0] : commonPrefix(paths)), candidates: shown };
  }
  return { text, candidates: [] };
}
