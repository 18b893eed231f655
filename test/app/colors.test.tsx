import chalk from 'chalk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../backends/contract/types.js';
import { loadTheme } from '../../src/theme/index.js';
import { petclinicCluster } from './fixture.js';
import { KEY, mount, podObject, type Mounted } from './harness.js';

let m: Mounted | undefined;
let level: typeof chalk.level;
// Tests write to a fake terminal, which chalk takes for one without colour: force truecolor.
beforeEach(() => { level = chalk.level; chalk.level = 3; });
afterEach(() => { m?.unmount(); m = undefined; chalk.level = level; });

// eslint-disable-next-line no-control-regex
const COLOR_SGR = /\x1b\[(?:3[0-79]|4[0-79]|9[0-7]|10[0-7]|38;|48;)[0-9;]*m/;
const line = (f: string, text: string) => f.split('\n').find((l) => l.includes(text)) ?? '';

async function crashingCluster(theme: ReturnType<typeof loadTheme>) {
  const { sim } = petclinicCluster();
  sim.api.create('pods', podObject('crashy'));
  sim.virtualClock.advance(1000);
  const pod = sim.api.get('pods', 'default', 'crashy') as Pod;
  sim.api.update('pods', {
    ...structuredClone(pod),
    status: {
      ...structuredClone(pod.status), phase: 'Running',
      containerStatuses: [{ name: 'app', image: 'nginx:1.25', imageID: '', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } }],
    },
  }, { subresource: 'status' });
  m = mount(sim.backend, { theme }, sim);
  await m.see('CrashLoopBackOff');
  return sim;
}

describe('colours', () => {
  it('rows take the theme colour of their state; the selected row the selection colours', async () => {
    await crashingCluster(loadTheme('dark', { env: {} }));
    const f = m!.frame();
    // The selected row (the first) is black on cyan.
    expect(line(f, 'crashy')).toContain('\x1b[46m');
    expect(line(f, 'crashy')).toContain('\x1b[30m');
    // status.ok in dark.yaml is #5fd7af.
    expect(line(f, 'petclinic-stray')).toContain('\x1b[38;2;95;215;175m');
    await m!.press('j');
    await m!.waitFor((fr) => line(fr, 'mysql').includes('\x1b[46m'), 'the selection on mysql');
    // status.error is #ff5f5f.
    expect(line(m!.frame(), 'crashy')).not.toContain('\x1b[46m');
    expect(line(m!.frame(), 'crashy')).toContain('\x1b[38;2;255;95;95m');
  });

  it('the colorblind theme draws with the Okabe-Ito palette', async () => {
    await crashingCluster(loadTheme('colorblind', { env: {} }));
    // status.error vermillion #D55E00, status.ok bluish green #009E73.
    expect(line(m!.frame(), 'petclinic-stray')).toContain('\x1b[38;2;0;158;115m');
    await m!.press('j');
    await m!.waitFor((fr) => line(fr, 'crashy').includes('\x1b[38;2;213;94;0m'), 'vermillion');
  });

  it('NO_COLOR: no colour at all; the selection is inverse video', async () => {
    await crashingCluster(loadTheme('dark', { env: { NO_COLOR: '1' } }));
    const f = m!.frame();
    expect(f).not.toMatch(COLOR_SGR);
    expect(line(f, 'crashy')).toContain('\x1b[7m');
  });

  it(':theme switches at run time', async () => {
    await crashingCluster(loadTheme('dark', { env: {} }));
    expect(m!.frame()).toMatch(COLOR_SGR);
    await m!.press(':');
    await m!.type('theme mono');
    await m!.press(KEY.enter);
    await m!.see('theme mono');
    await m!.waitFor((fr) => !COLOR_SGR.test(fr), 'no colour');
    await m!.press(':');
    await m!.type('theme light');
    await m!.press(KEY.enter, 'j');
    await m!.waitFor((fr) => line(fr, 'crashy').includes('\x1b[38;2;215;0;0m'), 'light status.error');
  });
});
