import { describe, expect, it } from 'vitest';
import { isPodAvailable } from '../../backends/contract/podUtil.js';
import type { Pod } from '../../backends/contract/types.js';

const readyAt = (lastTransitionTime?: string): Pod => ({
  metadata: { name: 'p' },
  status: { conditions: [{ type: 'Ready', status: 'True', ...(lastTransitionTime ? { lastTransitionTime } : {}) }] },
});
const at = (iso: string) => Date.parse(iso);

describe('isPodAvailable (podutil.IsPodAvailable)', () => {
  it('needs lastTransitionTime + minReadySeconds strictly before now', () => {
    const pod = readyAt('2026-01-01T10:00:00Z');
    expect(isPodAvailable(pod, 10, at('2026-01-01T10:00:09.999Z'))).toBe(false);
    expect(isPodAvailable(pod, 10, at('2026-01-01T10:00:10Z'))).toBe(false);
    expect(isPodAvailable(pod, 10, at('2026-01-01T10:00:10.001Z'))).toBe(true);
  });

  it('is never available with minReadySeconds when the Ready condition has no transition time', () => {
    expect(isPodAvailable(readyAt(), 10, at('2030-01-01T00:00:00Z'))).toBe(false);
    expect(isPodAvailable(readyAt(), 0, at('2030-01-01T00:00:00Z'))).toBe(true);
  });

  it('is not available when not Ready', () => {
    const pod: Pod = { metadata: { name: 'p' }, status: { conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: '2026-01-01T10:00:00Z' }] } };
    expect(isPodAvailable(pod, 0, at('2026-01-01T11:00:00Z'))).toBe(false);
  });
});
