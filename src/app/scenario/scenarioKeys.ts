// The player's keys (n ] next, p [ back, R restart, X leave) and their lines in `?`.
import type { ScenarioSession } from '../../scenario/scenarioSession.js';
import type { KeyHelp } from '../keymap.js';

export const SCENARIO_KEYS: KeyHelp[] = [
  { key: 'n ]', what: 'scenario: next step', hint: 'next' },
  { key: 'p [', what: 'scenario: previous step (the cluster as it was before the current step)', hint: 'back' },
  { key: 'R', what: 'scenario: restart from the beginning' },
  { key: 'X', what: 'scenario: leave demo mode (also :scenario off)' },
];

const PLAYER_KEYS = ['n', ']', 'p', '[', 'R', 'X'];

type Flash = (text: string, level?: 'info' | 'error') => void;

function report(p: Promise<unknown>, flash: Flash, done?: string): void {
  p.then(() => { if (done) flash(done); }, (e: unknown) => flash(e instanceof Error ? e.message : String(e), 'error'));
}

/** Handles a player key; false when the key is not one (or no scenario is being played). */
export function scenarioKey(input: string, session: ScenarioSession | undefined, flash: Flash, readonly = false): boolean {
  const player = session?.player;
  if (!session || !player || !PLAYER_KEYS.includes(input)) return false;
  if (readonly && input !== 'X') { flash('read-only mode: scenario steps are disabled', 'error'); return true; }
  switch (input) {
    case 'n': case ']': report(player.next(), flash); return true;
    case 'p': case '[': report(player.previous(), flash); return true;
    case 'R': report(player.restart(), flash, `scenario ${player.scenario.name}: back to the start`); return true;
    case 'X': report(session.leave(), flash, 'left demo mode'); return true;
    default: return false;
  }
}

/** `:scenario NAME|FILE` starts a scenario, `:scenario off` leaves demo mode. */
export function scenarioCommand(arg: string | undefined, session: ScenarioSession | undefined, flash: Flash, readonly = false): void {
  if (!session) return flash('demo mode needs the simulator (kdash --sim)', 'error');
  if (readonly && arg !== 'off') return flash('read-only mode: scenarios are disabled', 'error');
  if (!arg) return flash('usage: :scenario NAME|FILE, or :scenario off', 'error');
  if (arg === 'off') return report(session.leave(), flash, 'left demo mode');
  report(session.start(arg).then((s) => flash(`scenario ${s.name}: ${s.steps.length} steps, n for the next one`)), flash);
}
