import { afterEach, describe, expect, it } from 'vitest';
import type { Deployment, Service } from '../../backends/contract/types.js';
import type { Simulator } from '../../backends/sim/simulator.js';
import { editorCommand, runEditor, type EditorFile } from '../../src/app/edit/editorProcess.js';
import { TerminalScreen } from '../../src/app/terminalScreen.js';
import { Journal } from '../../src/ops/journal.js';
import { petclinicCluster } from './fixture.js';
import { KEY, mount, type Mounted } from './harness.js';
import { blueGreenCluster, endpointPods } from './powerFixture.js';

let m: Mounted | undefined;
afterEach(() => { m?.unmount(); m = undefined; });

/** An editor driven by the test: each opening gets the file and returns what the "user" saved. */
function scriptedEditor(...steps: Array<(text: string) => string>) {
  const seen: EditorFile[] = [];
  const editFile = async (f: EditorFile) => {
    seen.push(f);
    const step = steps[seen.length - 1];
    if (!step) throw new Error(`the editor was opened ${seen.length} times`);
    return step(f.text);
  };
  return { seen, editFile };
}


describe('e: edit in $EDITOR', () => {
  it('editing the Service selector moves its endpoints to the other pods (blue/green)', async () => {
    const sim: Simulator = blueGreenCluster();
    expect(endpointPods(sim)).toEqual(['petclinic-v1']);
    const journal = new Journal(() => sim.clock.now());
    const editor = scriptedEditor((t) => t.replace('version: v1.0.0', 'version: v1.0.1'));
    m = mount(sim.backend, { editFile: editor.editFile, journal }, sim);
    await m!.command('svc', 'services(default)[2]');
    await m.press('j');
    await m.see(/^petclinic +NodePort/m);
    await m.press('e');
    await m.see('service/petclinic edited');
    // The file is kubectl edit's: the comment header, then the object without managedFields and status.
    const text = editor.seen[0].text;
    expect(text.split('\n').slice(0, 4)).toEqual([
      "# Please edit the object below. Lines beginning with a '#' will be ignored,",
      '# and an empty file will abort the edit. If an error occurs while saving this file will be',
      '# reopened with the relevant failures.',
      '#',
    ]);
    expect(text).toContain('\napiVersion: v1\nkind: Service\nmetadata:\n');
    expect(text).not.toContain('managedFields');
    expect(text).not.toMatch(/^status:/m);
    expect((sim.api.get('services', 'default', 'petclinic') as Service).spec?.selector).toEqual({ app: 'petclinic', version: 'v1.0.1' });
    // The endpoints controller follows the new selector.
    await m.waitFor(() => endpointPods(sim).join() === 'petclinic-v2', 'the endpoints to move');
    // The table has the edited Service too: its SELECTOR cell matches a filter on the new version.
    await m.press('/');
    await m.type('version=v1.0.1');
    await m.press(KEY.enter);
    await m.see(/^petclinic +NodePort/m);
    await m.press(KEY.enter);
    const f = await m.see('services > petclinic > pods(default)[1]');
    expect(f).toMatch(/^petclinic-v2 +1\/1 +Running/m);
    expect(journal.entries().map((e) => `${e.action} ${e.target.name} ${e.detail}`)).toEqual(['edit petclinic edited']);
  });

  it('an invalid value is refused by the server dry run: the editor opens again naming it; saving it unchanged cancels', async () => {
    const sim = blueGreenCluster();
    const labels = { app: 'web' };
    sim.api.create('deployments', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'petclinic', namespace: 'default' },
      spec: { replicas: 3, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } },
    });
    sim.virtualClock.advance(1000);
    const before = sim.api.get('deployments', 'default', 'petclinic') as Deployment;
    const editor = scriptedEditor((t) => t.replace('replicas: 3', 'replicas: -1'), (t) => t);
    m = mount(sim.backend, { editFile: editor.editFile }, sim);
    await m!.command('deploy', 'deployments(default)[1]');
    await m.press('e');
    await m.see('error: Edit cancelled, no valid changes were saved.');
    expect(editor.seen).toHaveLength(2);
    const again = editor.seen[1].text.split('\n');
    expect(again.slice(4, 7)).toEqual([
      '# deployments.apps "petclinic" was not valid:',
      '# * spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      '#',
    ]);
    // The user's change is kept in the reopened file.
    expect(again).toContain('  replicas: -1');
    const after = sim.api.get('deployments', 'default', 'petclinic') as Deployment;
    expect(after.metadata?.resourceVersion).toBe(before.metadata?.resourceVersion);
    expect(after.spec?.replicas).toBe(3);
  });

  it('an unknown field reopens the editor with the strict decoding error; fixing it saves', async () => {
    const sim = blueGreenCluster();
    const editor = scriptedEditor(
      (t) => t.replace('  selector:\n', '  seletor:\n'),
      (t) => t.replace('  seletor:\n', '  selector:\n').replace('type: NodePort', 'type: ClusterIP').replace(/ {4}nodePort: 31080\n/, ''),
    );
    m = mount(sim.backend, { editFile: editor.editFile }, sim);
    await m!.command('svc', 'services(default)[2]');
    await m.press('j');
    await m.see(/^petclinic +NodePort/m);
    await m.press('e');
    await m.see('service/petclinic edited');
    expect(editor.seen[1].text.split('\n')[4]).toBe(
      '# services "petclinic" could not be patched: Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.seletor"',
    );
    expect((sim.api.get('services', 'default', 'petclinic') as Service).spec?.type).toBe('ClusterIP');
  });

  it('a file saved as it was is cancelled; a syntax error reopens; read-only mode refuses', async () => {
    const { sim } = petclinicCluster();
    const rv = sim.api.get('pods', 'default', 'mysql').metadata?.resourceVersion;
    let editor = scriptedEditor((t) => t);
    m = mount(sim.backend, { editFile: (f) => editor.editFile(f) }, sim);
    await m.see('petclinic-stray');
    // The pods table sorts by name: mysql is first.
    await m.press('e');
    await m.see('Edit cancelled, no changes made.');
    editor = scriptedEditor((t) => t.replace('metadata:', 'metadata: [').replace(/\n$/, ''), () => '');
    await m.press('e');
    await m.see('Edit cancelled, saved file was empty.');
    expect(editor.seen[1].text.split('\n')[4]).toMatch(/^# The edited file had a syntax error: error parsing edited-file: error converting YAML to JSON: yaml: line \d+: /);
    expect(sim.api.get('pods', 'default', 'mysql').metadata?.resourceVersion).toBe(rv);
    m.unmount();

    const ro = scriptedEditor();
    m = mount(sim.backend, { editFile: ro.editFile, readonly: true }, sim);
    await m.see('petclinic-stray');
    await m.press('e');
    await m.see('read-only mode: edit is disabled');
    expect(ro.seen).toHaveLength(0);
    await m.press('?');
    const help = await m.see('Keys of this screen');
    expect(help).not.toMatch(/^ {2}e +edit/m);
  });

  it('a change made by someone else while the editor is open is a Conflict; nothing is written', async () => {
    const { sim } = petclinicCluster();
    const editor = scriptedEditor((t) => {
      sim.api.patch('configmaps', 'default', 'petclinic-config', 'merge', { data: { TEST_CONFIG: 'changed meanwhile' } });
      return t.replace('test_config_v1', 'test_config_v2');
    });
    m = mount(sim.backend, { editFile: editor.editFile }, sim);
    await m.see('petclinic-stray');
    await m!.command('cm', 'configmaps(default)[1]');
    await m.press('d');
    await m.see('TEST_CONFIG:');
    // e works from the describe page too.
    await m.press('e');
    // Too long for the flash line: the whole message is shown in a text view, wrapped.
    const f = await m.see('configmaps > edit petclinic-config');
    expect(f.split('\n').slice(3, 5).map((l) => l.trimEnd()).join('')).toBe(
      'Error from server (Conflict): Operation cannot be fulfilled on configmaps "petclinic-config": the object has been modified; please apply your changes to the latest version and try again',
    );
    expect(sim.api.get('configmaps', 'default', 'petclinic-config').data).toEqual({ TEST_CONFIG: 'changed meanwhile' });
  });
});

describe('the edited file', () => {
  it('strings that YAML 1.1 would read as numbers are written quoted, so they come back as strings', async () => {
    const { sim } = petclinicCluster();
    sim.api.create('configmaps', { metadata: { name: 'numbers', namespace: 'default' }, data: { N: '1_000', B: '0b101', H: '0x1F', O: '0644', Y: 'yes', S: 'plain' } });
    const editor = scriptedEditor((t) => t.replace('S: plain', 'S: edited'));
    m = mount(sim.backend, { editFile: editor.editFile }, sim);
    await m.see('petclinic-stray');
    await m!.command('cm', 'configmaps(default)[2]');
    await m.press('e');
    await m.see('configmap/numbers edited');
    // Keys too: an unquoted `Y:` would be the boolean true to YAML 1.1.
    expect(editor.seen[0].text).toContain('data:\n  B: "0b101"\n  H: "0x1F"\n  "N": "1_000"\n  O: "0644"\n  S: plain\n  "Y": "yes"\n');
    expect(sim.api.get('configmaps', 'default', 'numbers').data).toEqual({ N: '1_000', B: '0b101', H: '0x1F', O: '0644', Y: 'yes', S: 'edited' });
  });
});

describe('the editor process', () => {
  it('runs $KUBE_EDITOR, else $VISUAL, else $EDITOR (else vi) through the shell, handing the terminal over around it', () => {
    const calls: string[] = [];
    const terminal = { suspend: () => { calls.push('suspend'); }, resume: () => { calls.push('resume'); } };
    const env = { PATH: process.env.PATH, KUBE_EDITOR: '', VISUAL: 'sed -i s/v1.0.0/v1.0.1/', EDITOR: 'false' };
    expect(runEditor({ name: 'service-petclinic', text: 'version: v1.0.0\n' }, terminal, env)).toBe('version: v1.0.1\n');
    expect(calls).toEqual(['suspend', 'resume']);
    expect(editorCommand({ KUBE_EDITOR: 'nano', VISUAL: 'vim', EDITOR: 'ed' })).toBe('nano');
    expect(editorCommand({})).toBe('vi');
    expect(() => runEditor({ name: 'x', text: '' }, terminal, { ...env, VISUAL: '' })).toThrow('error: there was a problem with the editor "false" (exit status 1)');
    // The terminal comes back even when the editor fails.
    expect(calls).toEqual(['suspend', 'resume', 'suspend', 'resume']);
  });
});

describe('the terminal lent to the editor', () => {
  it('leaves the alternate screen, holds frames while the editor runs, then redraws the latest whole', () => {
    const out: string[] = [];
    const stream = { write: (d: string) => { out.push(d); return true; }, columns: 40, rows: 5, on: () => stream, off: () => stream };
    const screen = new TerminalScreen(stream);
    screen.start();
    screen.write('a\nb\n');
    out.length = 0;
    screen.suspend();
    expect(out).toEqual(['\x1b[?25h\x1b[?1049l']);
    screen.write('a\nc\n');
    expect(out).toHaveLength(1);
    screen.resume();
    expect(out[1]).toBe('\x1b[?1049h\x1b[H\x1b[2J\x1b[?25l');
    // Every line of the latest frame, not only the changed one: the screen was cleared.
    expect(out[2]).toContain('\x1b[1;1Ha\x1b[K');
    expect(out[2]).toContain('\x1b[2;1Hc\x1b[K');
  });
});
