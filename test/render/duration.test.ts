// duration.HumanDuration (kubernetes-behaviour.md §0.3): every example of the doc.
import { describe, expect, it } from 'vitest';
import { humanDuration, rfc1123z, since } from '../../src/render/index.js';

const S = 1000, M = 60 * S, H = 60 * M, D = 24 * H, Y = 365 * D;

describe('humanDuration', () => {
  it.each([
    [-3 * S, '<invalid>'], [-2 * S, '<invalid>'], [-1500, '0s'], [-1 * S, '0s'], [-999, '0s'], [0, '0s'],
    [5 * S, '5s'], [59 * S, '59s'], [90 * S, '90s'], [119 * S, '119s'], [119 * S + 999, '119s'],
    [2 * M, '2m'], [3 * M + 20 * S, '3m20s'], [9 * M + 59 * S, '9m59s'],
    [10 * M, '10m'], [10 * M + 30 * S, '10m'], [45 * M, '45m'], [179 * M, '179m'],
    [3 * H, '3h'], [3 * H + 15 * M, '3h15m'], [7 * H + 59 * M, '7h59m'],
    [8 * H, '8h'], [47 * H, '47h'],
    [2 * D, '2d'], [2 * D + 3 * H, '2d3h'], [7 * D + 23 * H, '7d23h'],
    [8 * D, '8d'], [45 * D, '45d'], [729 * D, '729d'],
    [2 * Y, '2y'], [3 * Y + 120 * D, '3y120d'], [8 * Y, '8y'], [10 * Y + 100 * D, '10y'],
  ])('%d ms -> %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('since (translateTimestampSince)', () => {
  const now = Date.parse('2024-05-06T10:10:00Z');
  it('measures from an RFC 3339 timestamp', () => {
    expect(since('2024-05-06T10:00:00Z', now)).toBe('10m');
    expect(since('2024-05-06T10:09:15.123456Z', now)).toBe('44s');
  });
  it('prints <unknown> for a missing or zero time', () => {
    expect(since(undefined, now)).toBe('<unknown>');
    expect(since('0001-01-01T00:00:00Z', now)).toBe('<unknown>');
  });
  it('prints <invalid> for a timestamp in the future (a pod inside its grace period)', () => {
    expect(since('2024-05-06T10:10:30Z', now)).toBe('<invalid>');
  });
});

describe('rfc1123z', () => {
  it('uses Go time.RFC1123Z', () => {
    expect(rfc1123z('2024-05-06T10:00:04Z')).toBe('Mon, 06 May 2024 10:00:04 +0000');
    expect(rfc1123z('2023-12-31T23:59:59Z')).toBe('Sun, 31 Dec 2023 23:59:59 +0000');
  });
});
