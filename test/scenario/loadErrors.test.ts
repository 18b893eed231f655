import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimulator } from '../../backends/sim/simulator.js';
import { loadScenario, parseScenario } from '../../src/scenario/loadScenario.js';
import { ScenarioError } from '../../src/scenario/scenarioError.js';
import { ScenarioSession } from '../../src/scenario/scenarioSession.js';
import { settle } from '../helpers/waitFor.js';

const pod = `      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
          - name: web
            image: nginx
`;

/** A scenario whose second step is `step`, indented as a list item of steps. */
const withStep = (step: string) => `name: bad
title: Bad
steps:
  - title: A pod
    kubectl: kubectl apply -f pod.yml
    apply: |
${pod}
  - title: The broken step
    kubectl: kubectl something
${step}`;

function errorOf(fn: () => unknown): ScenarioError {
  try { fn(); } catch (e) { if (e instanceof ScenarioError) return e; throw e; }
  throw new Error('no error');
}

describe('loading a scenario file', () => {
  it('names the file, the step and the reason for an unknown action', () => {
    const e = errorOf(() => parseScenario(withStep('    pach: { target: svc/web, patch: {} }\n'), 'my.yaml'));
    expect(e.message).toBe('my.yaml: step 2 "The broken step": unknown action "pach" (a step has title, narration, kubectl, namespace, until and one of apply, delete, patch, scale, setImage, undo, fault, editConfigMap, restartPod, wait)');
    expect(e.step).toEqual({ index: 2, title: 'The broken step' });
  });

  it('names a missing field, a second action, a bad value', () => {
    expect(errorOf(() => parseScenario(withStep('    setImage: { deployment: web, image: nginx:2 }\n'), 'my.yaml')).message)
      .toBe('my.yaml: step 2 "The broken step": missing field setImage.container');
    expect(errorOf(() => parseScenario(withStep('    scale: { target: deploy/web, replicas: 2 }\n    undo: { deployment: web }\n'), 'my.yaml')).message)
      .toBe('my.yaml: step 2 "The broken step": more than one action (scale, undo): a step has one');
    expect(errorOf(() => parseScenario(withStep('    scale: { target: deploy/web, replicas: -1 }\n'), 'my.yaml')).message)
      .toBe('my.yaml: step 2 "The broken step": scale.replicas must be a whole number ≥ 0, got -1');
    expect(errorOf(() => parseScenario(withStep('    delete: pdo/web\n'), 'my.yaml')).message)
      .toBe('my.yaml: step 2 "The broken step": delete: unknown resource "pdo"');
    expect(errorOf(() => parseScenario(withStep('    wait: { seconds: 5, rolledOut: web }\n'), 'my.yaml')).message)
      .toBe('my.yaml: step 2 "The broken step": wait needs exactly one of rolledOut, podsReady, endpoints, gone, exists, seconds');
    expect(errorOf(() => parseScenario('name: x\ntitle: X\nsteps: []\n', 'empty.yaml')).message).toBe('empty.yaml: steps must be a non-empty list');
  });

  it('names an invalid manifest: YAML that does not parse, a kind no server serves', () => {
    expect(errorOf(() => parseScenario(withStep('    apply: |\n      kind: Pod\n      metadata: [a\n'), 'my.yaml')).message)
      .toMatch(/^my\.yaml: step 2 "The broken step": invalid manifest: error: error parsing my\.yaml step 2 \(inline\): error converting YAML to JSON: yaml: line \d+: /);
    expect(errorOf(() => parseScenario(withStep(`    apply: |\n${pod.replace('kind: Pod', 'kind: Pood')}`), 'my.yaml')).message)
      .toBe('my.yaml: step 2 "The broken step": invalid manifest (my.yaml step 2 (inline), document 1): no kind "Pood" in version "v1"');
    expect(errorOf(() => parseScenario(withStep('    apply: { file: missing.yaml }\n'), '/tmp/x/my.yaml')).message)
      .toMatch(/^\/tmp\/x\/my\.yaml: step 2 "The broken step": apply\.file: cannot read "missing\.yaml": ENOENT/);
  });

  it('reads an apply file relative to the scenario file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kdash-scenario-'));
    writeFileSync(join(dir, 'pod.yaml'), pod.replace(/^ {6}/gm, ''));
    writeFileSync(join(dir, 'demo.yaml'), withStep('    apply: { file: pod.yaml }\n'));
    const s = loadScenario(join(dir, 'demo.yaml'));
    expect(s.steps[1].action).toMatchObject({ kind: 'apply', sources: [{ path: join(dir, 'pod.yaml') }] });
  });

  it('names a shipped scenario that does not exist, and lists those that do', () => {
    expect(errorOf(() => loadScenario('blue-gren')).message).toMatch(/blue-gren\.yaml: no such scenario "blue-gren" \(scenarios: blue-green, cluster-tour, clusterip, configmap, namespaces, nodeport, replicaset, rolling-update, secrets\)$/);
  });

  it('has the server validate each manifest (dry run) before the scenario starts, changing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kdash-scenario-'));
    const svc = `    apply: |
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        seletor:
          app: web
        ports:
          - port: 80
`;
    writeFileSync(join(dir, 'typo.yaml'), withStep(svc));
    const sim = createSimulator();
    const session = new ScenarioSession(sim);
    const err = await settle(sim, session.start(join(dir, 'typo.yaml'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as Error).message).toBe(`${join(dir, 'typo.yaml')}: step 2 "The broken step": Error from server (BadRequest): error when creating "${join(dir, 'typo.yaml')} step 2 (inline)": Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.seletor"
in ${join(dir, 'typo.yaml')} step 2 (inline), document 1 (Service web), field spec.seletor; nothing was applied`);
    expect(session.player).toBeUndefined();
    expect((await sim.backend.list('pods', { namespace: 'default' })).items).toEqual([]);
    session.stop();
  });
});
