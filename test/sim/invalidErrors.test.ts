import { describe, expect, it } from 'vitest';
import { invalid, isStatusError } from '../../backends/contract/errors.js';
import { createSimulator } from '../../backends/sim/simulator.js';

describe('errors.NewInvalid messages', () => {
  it('name the group-qualified kind; core kinds have no suffix', () => {
    const e = invalid('Deployment', 'apps', 'web', [{ type: 'FieldValueInvalid', field: 'spec.replicas', detail: 'Invalid value: -1: must be greater than or equal to 0' }]);
    expect(e.message).toBe('Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(e.status.details).toEqual({
      name: 'web', group: 'apps', kind: 'Deployment',
      causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' }],
    });
    expect(invalid('Service', '', 'web', [{ type: 'FieldValueRequired', field: 'spec.ports', detail: 'Required value' }]).message)
      .toBe('Service "web" is invalid: spec.ports: Required value');
    expect(invalid('Service', '', 'web', []).message).toBe('Service "web" is invalid');
  });

  it('a missing name is refused once, with the group, whether or not admission runs', () => {
    for (const components of [undefined, []]) {
      const sim = createSimulator({ components });
      try {
        sim.api.create('deployments', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { namespace: 'default' }, spec: {} });
        expect.unreachable();
      } catch (e) {
        expect(isStatusError(e, 'Invalid')).toBe(true);
        expect((e as Error).message).toBe('Deployment.apps "" is invalid: metadata.name: Required value: name or generateName is required');
      }
      sim.stop();
    }
  });
});
