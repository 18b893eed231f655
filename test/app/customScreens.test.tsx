import { Box, Text } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { registerScreen, type CustomScreenProps } from '../../src/app/index.js';
import { useScreenKeys } from '../../src/app/screens/listNavigation.js';
import { petclinicCluster } from './fixture.js';
import { KEY, mount, type Mounted } from './harness.js';

let m: Mounted | undefined;
afterEach(() => { m?.unmount(); m = undefined; });

/** A screen a module registers: it gets the selected object, the words typed after it and its keys. */
function NotesScreen(p: CustomScreenProps) {
  useScreenKeys('notes', (input, key) => {
    if (key.escape || input === 'q') p.back();
    if (input === 'u') p.flash(`undo ${p.target?.metadata?.name} (readonly=${p.readonly})`);
  });
  const lines = [`notes of ${p.target?.metadata?.name ?? '?'} args=${p.args.join(',')} ns=${p.namespace}`];
  while (lines.length < p.height) lines.push(' ');
  return <Box flexDirection="column">{lines.map((l, i) => <Text key={i}>{l}</Text>)}</Box>;
}

describe('custom screens', () => {
  it('a registered screen opens with `:` on the selected object and gets its keys', async () => {
    const { sim } = petclinicCluster();
    m = mount(sim.backend, {}, sim);
    await m.see('petclinic-stray');
    await m.press(':');
    await m.type('notes');
    await m.press(KEY.enter);
    await m.see('unknown command');

    registerScreen({ kind: 'custom', name: 'notes', aliases: ['nts'], render: (p) => <NotesScreen {...p} />, help: [['u', 'undo']] });
    await m.press(':');
    await m.type('deploy');
    await m.press(KEY.enter);
    await m.see('deployments(default)[1]');
    await m.press(':');
    await m.type('notes 2');
    await m.press(KEY.enter);
    let f = await m.see('notes of petclinic args=2 ns=default');
    expect(f.split('\n')[1].trim()).toBe('notes');
    expect(f.split('\n')).toHaveLength(29);
    // The screen's own keys reach it; `?` is the dashboard's and lists the screen's help.
    await m.press('u');
    await m.see('undo petclinic (readonly=false)');
    await m.press('?');
    f = await m.see('Keys of this screen');
    expect(f).toMatch(/^ {2}u +undo/m);
    // While the help is open the screen does not get keys.
    await m.press('u', KEY.esc);
    await m.gone('Keys of this screen');
    await m.press(KEY.esc);
    // Opening a screen with `:` replaces the stack, so back has nowhere to go: the screen stays.
    expect(m.frame()).toContain('notes of petclinic');
    await m.press(':');
    await m.type('nt');
    await m.press(KEY.tab);
    await m.see(':nts █');
  });
});
