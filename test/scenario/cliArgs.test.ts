import { describe, expect, it } from 'vitest';
import { parseCli, type CliOptions } from '../../src/cli/args.js';
import { completeCommand } from '../../src/app/commands.js';

describe('--scenario and --traffic', () => {
  it('take a scenario name or file and a list of Services, with --sim', () => {
    const o = parseCli(['--sim', '--scenario', 'blue-green', '--traffic', 'petclinic, kube-system/kube-dns']) as CliOptions;
    expect(o.scenario).toBe('blue-green');
    expect(o.traffic).toEqual(['petclinic', 'kube-system/kube-dns']);
  });

  it('--traffic needs --sim; --scenario also plays on a live context, not with serve nor --readonly', () => {
    expect(() => parseCli(['--context', 'kind-kind', '--traffic', 'petclinic'])).toThrow('--traffic sends simulated requests: use it with --sim');
    expect(() => parseCli(['serve', '--traffic', 'petclinic'])).toThrow('--traffic sends simulated requests: use it with --sim');
    expect((parseCli(['--context', 'kind-kind', '--scenario', 'blue-green']) as CliOptions).scenario).toBe('blue-green');
    expect(() => parseCli(['serve', '--scenario', 'blue-green'])).toThrow('--scenario plays in the dashboard: use it with --sim or --context');
    expect(() => parseCli(['--sim', '--readonly', '--scenario', 'blue-green'])).toThrow('--scenario changes the cluster: it cannot be used with --readonly');
  });
});

describe(':scenario completion', () => {
  it('completes the shipped scenario names and off', () => {
    expect(completeCommand('scenario ro', [])).toEqual({ text: 'scenario rolling-update', candidates: ['rolling-update'] });
    expect(completeCommand('scenario c', [])).toEqual({ text: 'scenario c', candidates: ['cluster-tour', 'clusterip', 'configmap'] });
    expect(completeCommand('scenario o', []).text).toBe('scenario off');
    expect(completeCommand('scen', []).text).toBe('scenario ');
  });
});
