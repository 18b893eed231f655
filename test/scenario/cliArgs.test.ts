import { describe, expect, it } from 'vitest';
import { parseCli, type CliOptions } from '../../src/cli/args.js';

describe('--scenario and --traffic', () => {
  it('take a scenario name or file and a list of Services, with --sim', () => {
    const o = parseCli(['--sim', '--scenario', 'blue-green', '--traffic', 'petclinic, kube-system/kube-dns']) as CliOptions;
    expect(o.scenario).toBe('blue-green');
    expect(o.traffic).toEqual(['petclinic', 'kube-system/kube-dns']);
  });

  it('are refused without --sim, with serve, and (a scenario) with --readonly', () => {
    expect(() => parseCli(['--scenario', 'blue-green'])).toThrow('--scenario and --traffic play on the simulator: use them with --sim');
    expect(() => parseCli(['serve', '--traffic', 'petclinic'])).toThrow('--scenario and --traffic play on the simulator: use them with --sim');
    expect(() => parseCli(['--sim', '--readonly', '--scenario', 'blue-green'])).toThrow('--scenario changes the cluster: it cannot be used with --readonly');
  });
});
