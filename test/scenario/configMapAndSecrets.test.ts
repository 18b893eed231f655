import { describe, expect, it } from 'vitest';
import type { Secret } from '../../backends/contract/types.js';
import { rolloutHistory } from '../../src/ops/rolloutHistory.js';
import { play, podNames } from './scenarioKit.js';

describe('scenario configmap (lesson 8)', () => {
  it('keeps the environment until the pod restarts, updates the mounted file in place, and rolls out a renamed ConfigMap', async () => {
    const s = await play('configmap');
    expect(await s.next()).toEqual(['configmap/petclinic-config created', 'deployment.apps/petclinic created', 'service/petclinic created']);
    const [pod] = await podNames(s.b, 'default', 'app=petclinic');
    const view = () => s.sim.ctx.containerView!('default', pod, 'petclinic')!;
    expect(view().env.TEST_CONFIG).toBe('test_config_v1');
    expect(view().files['/etc/petclinic/TEST_CONFIG']).toBe('test_config_v1');
    expect(s.ask('petclinic').body).toContain('TEST_CONFIG=test_config_v1');

    expect(await s.next()).toEqual(['configmap/petclinic-config edited']);
    expect(await podNames(s.b, 'default', 'app=petclinic')).toEqual([pod]);
    expect(view().env.TEST_CONFIG).toBe('test_config_v1');
    expect(view().files['/etc/petclinic/TEST_CONFIG']).toBe('test_config_v2');
    const body = s.ask('petclinic').body;
    expect(body).toContain('TEST_CONFIG=test_config_v1');
    expect(body).toContain('/etc/petclinic/TEST_CONFIG: test_config_v2');

    expect(await s.next()).toEqual([`pod "${pod}" deleted`]);
    const [restarted] = await podNames(s.b, 'default', 'app=petclinic');
    expect(restarted).not.toBe(pod);
    expect(s.sim.ctx.containerView!('default', restarted, 'petclinic')!.env.TEST_CONFIG).toBe('test_config_v2');
    expect((await rolloutHistory(s.b, 'default', 'petclinic')).map((r) => r.revision)).toEqual([1]);

    expect(await s.next()).toEqual(['configmap/petclinic-config-v2 created', 'deployment.apps/petclinic configured']);
    expect((await rolloutHistory(s.b, 'default', 'petclinic')).map((r) => r.revision)).toEqual([1, 2]);
    // The replaced pod may still be terminating.
    const rolled = (await podNames(s.b, 'default', 'app=petclinic')).find((p) => p !== restarted)!;
    expect(s.sim.ctx.containerView!('default', rolled, 'petclinic')!.env.TEST_CONFIG).toBe('test_config_v3');
    s.session.stop();
  });
});

describe('scenario secrets (lesson 9)', () => {
  it('stores stringData base64-encoded, and the pod sees the decoded value', async () => {
    const s = await play('secrets');
    expect(await s.next()).toEqual(['secret/mysql-secret created']);
    const secret = await s.b.get('secrets', 'default', 'mysql-secret') as Secret;
    expect(secret.data).toEqual({ MYSQL_ROOT_PASSWORD: 'cm9vdA==' });
    expect(secret.stringData).toBeUndefined();

    expect(await s.next()).toEqual([]);
    expect(await s.next()).toEqual(['pod/mysql created']);
    expect(s.sim.ctx.containerView!('default', 'mysql', 'mysql')!.env.MYSQL_ROOT_PASSWORD).toBe('root');

    expect(await s.next()).toEqual(['pod "mysql" deleted']);
    expect(await podNames(s.b, 'default', '')).toEqual([]);
    s.session.stop();
  });
});
