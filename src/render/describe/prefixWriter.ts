// kubectl describe's PrefixWriter (two spaces per level) over a tabwriter, as tabbedString
// builds it: Flush() aligns what was written so far on its own.
import { DESCRIBE_TABWRITER, tabwrite } from '../tabwriter.js';

export const LEVEL_0 = 0, LEVEL_1 = 1, LEVEL_2 = 2, LEVEL_3 = 3;

/** printers.EscapeTerminal: object text cannot move the cursor or recolour the terminal. */
function escapeTerminal(s: string): string {
  return s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}

export class PrefixWriter {
  private readonly flushed: string[] = [];
  private pending = '';

  /** `tabbed` false = a plain buffer (rollout history --revision): tabs stay literal. */
  constructor(private readonly tabbed = true) {}

  write(level: number, text: string): void {
    this.pending += escapeTerminal('  '.repeat(level) + text);
  }

  /** fmt.Fprintln, without a level prefix. */
  writeLine(text: string): void {
    this.pending += escapeTerminal(`${text}\n`);
  }

  flush(): void {
    if (!this.pending) return;
    this.flushed.push(this.tabbed ? tabwrite(this.pending, DESCRIBE_TABWRITER) : this.pending);
    this.pending = '';
  }

  toString(): string {
    this.flush();
    return this.flushed.join('');
  }
}

/** tabbedString: run a describer against a fresh tabwriter and return the flushed text. */
export function tabbedString(fn: (w: PrefixWriter) => void): string {
  const w = new PrefixWriter(true);
  fn(w);
  return w.toString();
}
