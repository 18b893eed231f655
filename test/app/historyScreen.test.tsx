import { afterEach, describe, expect, it } from 'vitest';
import type { Deployment, Pod, ReplicaSet } from '../../backends/contract/types.js';
import { IMAGE, setImage, twoRevisions } from './historyFixture.js';
import { KEY, mount, type Mounted } from './harness.js';

let m: Mounted | undefined;
afterEach(() => { m?.unmount(); m = undefined; });


const title = (f: string) => f.split('\n')[1].trim();
const dialogLines = (f: string) => f.split('\n').filter((l) => l.includes('│')).join('\n');

describe('the rollout history screen', () => {
  it('h on a Deployment lists its revisions with images, ReplicaSets and pods, and follows a new rollout live', async () => {
    const sim = await twoRevisions();
    m = mount(sim.backend, {}, sim);
    await m!.command('deploy', 'deployments(default)[1]');
    await m.press('h');
    let f = await m.see(/^2 \(current\) /m);
    expect(title(f)).toBe('deployments > petclinic > history');
    const lines = f.split('\n');
    expect(lines[3]).toMatch(/^deployment default\/petclinic {2}revision 2 {2}3\/3 ready {2}deployment "petclinic" successfully rolled out/);
    expect(lines[4]).toMatch(/^REVISION +CHANGE-CAUSE +IMAGES +REPLICASET +PODS +AGE/);
    expect(lines[5]).toMatch(new RegExp(`^1 +<none> +${IMAGE('1.0.0').replace(/\./g, '\\.')} +petclinic-[4-9bcdf]+ +0/0 +\\d+s`));
    expect(lines[6]).toMatch(new RegExp(`^2 \\(current\\) +<none> +${IMAGE('1.0.1').replace(/\./g, '\\.')} +petclinic-[4-9bcdf]+ +3/3 +\\d+s`));

    // `kubectl annotate` of the Deployment: the controller copies the change-cause to the current revision.
    await sim.backend.patch('deployments', 'default', 'petclinic', 'merge', { metadata: { annotations: { 'kubernetes.io/change-cause': 'to 1.0.1' } } });
    await m.see(/^2 \(current\) +to 1\.0\.1 /m);
    // A new rollout (`kubectl set env`): revision 3 appears, its pods come up while revision 2's go away.
    await sim.backend.patch('deployments', 'default', 'petclinic', 'strategic', {
      spec: { template: { spec: { containers: [{ name: 'petclinic', env: [{ name: 'TEST_CONFIG', value: 'v2' }] }] } } },
    });
    f = await m.waitFor((fr) => { sim.virtualClock.advance(1000); return /^3 \(current\) .* 3\/3 /m.test(fr); }, 'revision 3 rolled out', 30_000);
    expect(f).toMatch(/^2 +to 1\.0\.1 +\S+1\.0\.1\.RELEASE +petclinic-\S+ +0\/0 /m);
    expect(f).toMatch(/revision 3 {2}3\/3 ready/);
  }, 60_000);

  it('enter shows a revision as kubectl rollout history --revision prints it; D diffs it against the current template', async () => {
    const sim = await twoRevisions();
    m = mount(sim.backend, {}, sim);
    await m!.command('history petclinic', /^2 \(current\)/m);
    await m.press('k', KEY.enter);
    let f = await m.see('deployment.apps/petclinic with revision #1');
    expect(f).toContain('deployment default/petclinic revision 1: pod template (rollout history --revision)');
    expect(f).toMatch(/^Pod Template:$/m);
    expect(f).toMatch(/^ {2}Labels: +app=petclinic$/m);
    expect(f).toMatch(/^ {8}pod-template-hash=[4-9bcdf]+$/m);
    expect(f).toMatch(/^ {4}Image: +spring2go\/spring-petclinic:1\.0\.0\.RELEASE$/m);
    await m.press('D');
    f = await m.see('diff against the current template');
    expect(f).toMatch(/^--- revision 1 \(petclinic-[4-9bcdf]+\) pod template$/m);
    expect(f).toMatch(/^\+\+\+ deployment\/petclinic current pod template$/m);
    expect(f).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@$/m);
    expect(f).toMatch(/^- +- image: spring2go\/spring-petclinic:1\.0\.0\.RELEASE$/m);
    expect(f).toMatch(/^\+ +- image: spring2go\/spring-petclinic:1\.0\.1\.RELEASE$/m);
    expect(f).not.toContain('pod-template-hash');
    await m.press(KEY.esc);
    await m.see(/^2 \(current\)/m);
    // The current revision against itself; the two keys typed together, as one chunk.
    await m.press('jD');
    await m.see("revision 2's template is the current template (pod-template-hash aside): no differences");
  });

  it('u on a Deployment and on a revision rolls back after asking; revisions are numbered as a real cluster does (1,2 → 2,3 → 3,4)', async () => {
    const sim = await twoRevisions();
    m = mount(sim.backend, {}, sim);
    await m!.command('deploy', 'deployments(default)[1]');
    await m.press('u');
    let f = await m.see('Roll back deployment default/petclinic to revision 1?');
    expect(dialogLines(f)).toContain('from revision 2 (current): spring2go/spring-petclinic:1.0.1.RELEASE');
    expect(dialogLines(f)).toContain('to revision 1: spring2go/spring-petclinic:1.0.0.RELEASE');
    expect(dialogLines(f)).toMatch(/\[ Cancel \] +\[ Roll back \]/);
    // Focus is on Cancel.
    await m.press(KEY.enter);
    await m.gone('Roll back deployment');
    expect((sim.api.get('deployments', 'default', 'petclinic') as Deployment).spec?.template.spec?.containers[0].image).toBe(IMAGE('1.0.1'));

    await m.press('u');
    await m.see('Roll back deployment default/petclinic to revision 1?');
    await m.press(KEY.tab, KEY.enter);
    await m.see('deployment.apps/petclinic rolled back to revision 1');
    await m.waitFor((fr) => { sim.virtualClock.advance(200); return fr.includes('deployment.apps/petclinic rolled back to revision 1 (now revision 3)'); }, 'the new revision number');
    await m.press('h');
    f = await m.see(/^3 \(current\) +<none> +spring2go\/spring-petclinic:1\.0\.0\.RELEASE/m);
    expect(f.split('\n').slice(5, 8).map((l) => l.split(/ {2,}/)[0])).toEqual(['2', '3 (current)', '']);

    // From the history screen, the selected revision.
    await m.press('k', 'u');
    f = await m.see('Roll back deployment default/petclinic to revision 2?');
    await m.press(KEY.tab, KEY.enter);
    await m.waitFor((fr) => { sim.virtualClock.advance(200); return fr.includes('deployment.apps/petclinic rolled back to revision 2 (now revision 4)'); }, 'revision 4');
    f = await m.see(/^4 \(current\) +<none> +spring2go\/spring-petclinic:1\.0\.1\.RELEASE/m);
    expect(f.split('\n').slice(5, 8).map((l) => l.split(/ {2,}/)[0])).toEqual(['3', '4 (current)', '']);
  });

  it('u in the middle of a rollout (to an image that does not exist) goes back to the revision being replaced', async () => {
    const sim = await twoRevisions(10);
    await setImage(sim, '1.0.2');
    m = mount(sim.backend, {}, sim);
    await m!.command('deploy', 'deployments(default)[1]');
    await m.waitFor(() => {
      sim.virtualClock.advance(500);
      const d = sim.api.get('deployments', 'default', 'petclinic') as Deployment;
      return (d.status?.updatedReplicas ?? 0) >= 1 && (d.status?.replicas ?? 0) > (d.status?.updatedReplicas ?? 0);
    }, 'the rollout to be under way');
    await m.press('u');
    const f = await m.see('Roll back deployment default/petclinic to revision 2?');
    expect(dialogLines(f)).toContain('from revision 3 (current): spring2go/spring-petclinic:1.0.2.RELEASE');
    await m.press(KEY.tab, KEY.enter);
    await m.waitFor((fr) => { sim.virtualClock.advance(200); return fr.includes('rolled back to revision 2 (now revision 4)'); }, 'revision 4');
    await m.press('h');
    await m.waitFor((fr) => { sim.virtualClock.advance(1000); return /successfully rolled out/.test(fr); }, 'the rollback to finish', 30_000);
    const pods = sim.api.list('pods', { namespace: 'default' }).items.filter((p) => !p.metadata?.deletionTimestamp);
    expect(pods.map((p) => (p as Pod).spec?.containers[0].image)).toEqual([IMAGE('1.0.1'), IMAGE('1.0.1'), IMAGE('1.0.1')]);
    await m.see(/^4 \(current\) +<none> +\S+1\.0\.1\.RELEASE +petclinic-\S+ +3\/3 /m);
  });

  it('the real errors show in the flash: a rollback to the current template is skipped, a vanished revision is not found', async () => {
    const sim = await twoRevisions();
    m = mount(sim.backend, {}, sim);
    await m!.command('history petclinic', /^2 \(current\)/m);
    await m.press('u');
    await m.see('Roll back deployment default/petclinic to revision 2?');
    await m.press(KEY.tab, KEY.enter);
    await m.see('deployment.apps/petclinic skipped rollback (current template already matches revision 2)');

    await m.press('k', 'u');
    await m.see('Roll back deployment default/petclinic to revision 1?');
    // Meanwhile the revision's ReplicaSet is deleted (kubectl delete rs, or the history limit).
    const old = sim.api.list('replicasets', { namespace: 'default' }).items.find((rs) => rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] === '1')!;
    sim.api.delete('replicasets', 'default', old.metadata!.name!);
    await m.press(KEY.tab, KEY.enter);
    await m.see('error: unable to find specified revision 1 in history');

    await m!.command('history nope', 'deployments.apps "nope" not found in namespace default');
    await m!.command('history', 'usage: :history NAME (a Deployment), or press h on a Deployment or ReplicaSet');
  });

  it('enter on a Deployment still shows its ReplicaSets; h there opens the history at that ReplicaSet\'s revision', async () => {
    const sim = await twoRevisions();
    m = mount(sim.backend, {}, sim);
    await m!.command('deploy', 'deployments(default)[1]');
    await m.press('?');
    let f = await m.see('Keys of this screen');
    expect(f).toMatch(/^ {2}h +rollout history: revisions, templates, diffs, undo to a revision$/m);
    expect(f).toMatch(/^ {2}u +rollout undo to the previous revision \(asks first, naming it\)$/m);
    expect(f).toMatch(/^ {2}ctrl-z +undo the last change kdash made/m);
    await m.press(KEY.esc, KEY.enter);
    f = await m.see('deployments > petclinic > replicasets(default)[2]');
    // The ReplicaSets screen lists the old one first by name order or not: pick revision 1's.
    const oldName = sim.api.list('replicasets', { namespace: 'default' }).items.find((rs) => (rs as ReplicaSet).spec?.replicas === 0)!.metadata!.name!;
    const row = f.split('\n').slice(4).findIndex((l) => l.startsWith(oldName));
    for (let i = 0; i < row; i++) await m.press('j');
    await m.press('h');
    f = await m.see('deployments > petclinic > replicasets > ' + oldName + ' > history');
    await m.see(/^2 \(current\)/m);
    // Revision 1 is selected: enter shows it.
    await m.press(KEY.enter);
    await m.see('deployment.apps/petclinic with revision #1');
    await m.press(KEY.esc, KEY.esc);
    await m.see('deployments > petclinic > replicasets(default)[2]');
  });
});

describe('read-only mode', () => {
  it('hides u and ctrl-z from the help and refuses them with a flash; the history stays readable', async () => {
    const sim = await twoRevisions();
    m = mount(sim.backend, { readonly: true }, sim);
    await m!.command('deploy', 'deployments(default)[1]');
    await m.press('?');
    let f = await m.see('Keys of this screen');
    expect(f).not.toMatch(/^ {2}u /m);
    expect(f).not.toContain('ctrl-z');
    expect(f).toMatch(/^ {2}h +rollout history/m);
    await m.press(KEY.esc, 'u');
    await m.see('read-only mode: undo is disabled');
    await m.press('h');
    await m.see(/^2 \(current\)/m);
    await m.press('?');
    f = await m.see('Keys of this screen');
    expect(f).toMatch(/^ {2}D +diff/m);
    expect(f).not.toMatch(/^ {2}u /m);
    expect(f).not.toContain('ctrl-z');
    // Each refusal is seen after another flash has replaced the previous one.
    const otherFlash = () => m!.command('nope', 'unknown command "nope"');
    await m.press(KEY.esc);
    await otherFlash();
    await m.press('k', 'u');
    await m.see('read-only mode: undo is disabled');
    expect(m.frame()).not.toContain('Roll back');
    await otherFlash();
    await m.press('\x1a');
    await m.see('read-only mode: undo is disabled');
    await m!.command('journal', 'journal');
    await otherFlash();
    await m.press('\x1a');
    await m.see('read-only mode: undo is disabled');
  });
});
