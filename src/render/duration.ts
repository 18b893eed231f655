// apimachinery duration.HumanDuration and kubectl's translateTimestampSince: how AGE,
// event ages and "(45s ago)" are written.

/** duration.HumanDuration of `ms` (now − timestamp). */
export function humanDuration(ms: number): string {
  const secs = Math.trunc(ms / 1000);
  if (secs < -1) return '<invalid>';
  if (secs < 0) return '0s';
  if (secs < 120) return `${secs}s`;
  const minutes = Math.trunc(secs / 60);
  if (minutes < 10) {
    const s = secs % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(secs / 3600);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const years = Math.trunc(hours / 24 / 365);
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** Milliseconds since the epoch of an RFC 3339 timestamp; undefined for a missing or zero time. */
export function parseTime(ts: string | Date | null | undefined): number | undefined {
  if (ts === undefined || ts === null || ts === '') return undefined;
  const ms = ts instanceof Date ? ts.getTime() : Date.parse(ts);
  if (Number.isNaN(ms) || ms <= ZERO_TIME_MS) return undefined;
  return ms;
}

// Go's zero time.Time (0001-01-01T00:00:00Z) counts as "unset".
const ZERO_TIME_MS = Date.UTC(1, 0, 1) - 1;

/** translateTimestampSince: `<unknown>` for a zero timestamp, else HumanDuration(now − t). */
export function since(ts: string | Date | null | undefined, now: number): string {
  const t = parseTime(ts);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Go's time.RFC1123Z layout, `Mon, 02 Jan 2006 15:04:05 -0700`.
 * Deviation: kubectl formats in the local time zone of the machine it runs on; kdash always
 * writes UTC (`+0000`, what kind nodes and most CI machines use) so output does not depend on
 * where it runs. A zero time prints Go's zero time like kubectl does.
 */
export function rfc1123z(ts: string | Date | null | undefined): string {
  const t = parseTime(ts);
  if (t === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(t);
  return `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} `
    + `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
}
