// The shape of a `kubectl get` table as kdash renders it.

export interface Column {
  /** Header as kubectl prints it: `NAME`, `PORT(S)`, `NOMINATED NODE`. */
  name: string;
  /** A priority-1 column: shown only with `-o wide` (ctrl-w in the dashboard). */
  wide?: boolean;
  /** The API's column type: `integer` cells are JSON numbers in a server-side Table. */
  type?: 'string' | 'integer';
  /** `name` marks the column holding the object's name (the Table's `format: name`). */
  format?: 'name';
}

export interface RowContext {
  /** Milliseconds since the epoch: the simulated clock's now, or Date.now(). */
  now: number;
}

export interface ResourceTable<T> {
  /**
   * Every column the API server's Table has for this resource, in its order, wide ones
   * included. NAMESPACE is never included (kubectl adds it in front for -A). NAME is the first
   * column for every resource except events, whose table (like kubectl's) starts with
   * LAST SEEN and has NAME as its last, wide, column.
   */
  columns: Column[];
  /** One cell per column, wide cells included. */
  row(obj: T, ctx: RowContext): string[];
}

/** How a row is coloured. */
export type RowState = 'ok' | 'pending' | 'warning' | 'error' | 'terminating' | 'completed';
