// Reads the tables kubectl prints and checks their layout the way kubectl's tabwriter makes it
// (cli-runtime printers: minwidth 6, padding 3, the last column unpadded), so a test can state
// every cell exactly and match only the ones that depend on time with a pattern.
import { expect } from 'vitest';

export type Cell = string | RegExp;

/** HumanDuration: `45s`, `2m30s`, `10m`, `3h5m`, `2d3h`, `4y10d`. */
export const AGE = /^\d+[smhdy](\d+[smhd])?$/;

/** Splits one table into cells by its header's column starts, and checks the column widths. */
export function parseTable(text: string): string[][] {
  const lines = text.replace(/\n$/, '').split('\n');
  const header = lines[0];
  const starts: number[] = [];
  for (const m of header.matchAll(/\S+(?: \S+)*/g)) starts.push(m.index);
  const rows = lines.map((line) => starts.map((s, i) => (i + 1 < starts.length ? line.slice(s, starts[i + 1]) : line.slice(s)).trimEnd()));
  for (let i = 0; i + 1 < starts.length; i++) {
    const widest = Math.max(...rows.map((r) => r[i].length));
    const width = starts[i + 1] - starts[i];
    if (width !== Math.max(6, widest + 3)) {
      throw new Error(`column ${i} (${rows[0][i]}) is ${width} wide, kubectl's tabwriter makes it ${Math.max(6, widest + 3)}:\n${text}`);
    }
    for (const line of lines) {
      if (line.slice(starts[i + 1] - 3, starts[i + 1]).trim() !== '') throw new Error(`cells run together in:\n${line}`);
    }
  }
  return rows;
}

/** Several tables separated by blank lines (`kubectl get all`, `get a,b`). */
export function parseTables(text: string): string[][][] {
  return text.replace(/\n$/, '').split('\n\n').map((t) => parseTable(t));
}

function shown(actual: string[][], expected: Cell[][]): string[][] {
  return actual.map((row, i) => row.map((c, j) => {
    const e = expected[i]?.[j];
    return e instanceof RegExp && e.test(c) ? String(e) : c;
  }));
}

function wanted(expected: Cell[][]): string[][] {
  return expected.map((row) => row.map((c) => (c instanceof RegExp ? String(c) : c)));
}

/** Asserts a table cell by cell (rows in order); patterns stand for cells that vary. */
export function expectTable(text: string, expected: Cell[][]): void {
  expect(shown(parseTable(text), expected)).toEqual(wanted(expected));
}

export function expectTables(text: string, expected: Cell[][][]): void {
  const tables = parseTables(text);
  expect(tables.map((t, i) => shown(t, expected[i] ?? []))).toEqual(expected.map(wanted));
}

/** Cells of a table printed row by row (`get -w`), whose columns need not line up. */
export function looseRows(text: string): string[][] {
  return text.replace(/\n$/, '').split('\n').map((l) => l.trim().split(/\s{3,}/));
}
