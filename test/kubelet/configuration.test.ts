import { describe, expect, it } from 'vitest';
import type { ConfigMap } from '../../backends/contract/types.js';
import { EventLog, getPod, kubeletSim, podObject, podStatus, readyCount } from './support.js';

type Sim = ReturnType<typeof kubeletSim>;

function configMap(sim: Sim, name: string, data: Record<string, string>): void {
  const cur = sim.api.tryGet('configmaps', 'default', name) as ConfigMap | undefined;
  if (cur) sim.api.update('configmaps', { ...structuredClone(cur), data });
  else sim.api.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data });
}

function untilReady(sim: Sim, name: string): void {
  sim.virtualClock.advanceUntil(() => readyCount(getPod(sim, name)!) === '1/1', 120_000, 10);
}

const petclinic = (name: string, container: Record<string, unknown>, spec: Record<string, unknown> = {}) =>
  podObject(name, { containers: [{ name: 'petclinic', image: 'spring2go/spring-petclinic:1.0.0.RELEASE', ...container }], ...spec });

describe('environment from ConfigMaps and Secrets', () => {
  it('resolves envFrom (with prefix), valueFrom and $(VAR) once, when the container starts', () => {
    const sim = kubeletSim();
    configMap(sim, 'petclinic-config', { TEST_CONFIG: 'test_config_v1', DATASOURCE_URL: 'jdbc:mysql://mysql/petclinic' });
    sim.api.create('secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'default' }, data: { password: Buffer.from('root').toString('base64') } });
    sim.api.create('pods', petclinic('app', {
      envFrom: [{ configMapRef: { name: 'petclinic-config' } }, { prefix: 'CFG_', configMapRef: { name: 'petclinic-config' } }],
      env: [
        { name: 'ONE', valueFrom: { configMapKeyRef: { name: 'petclinic-config', key: 'TEST_CONFIG' } } },
        { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
        { name: 'GREETING', value: 'config is $(ONE), escaped $$(ONE), unknown $(NOPE)' },
        { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'MAYBE', valueFrom: { configMapKeyRef: { name: 'absent', key: 'x', optional: true } } },
      ],
    }));
    untilReady(sim, 'app');
    const view = sim.ctx.containerView!('default', 'app')!;
    expect(view).toMatchObject({ pod: 'app', namespace: 'default', container: 'petclinic', image: 'spring2go/spring-petclinic:1.0.0.RELEASE' });
    expect(view.env).toMatchObject({
      TEST_CONFIG: 'test_config_v1', CFG_TEST_CONFIG: 'test_config_v1', CFG_DATASOURCE_URL: 'jdbc:mysql://mysql/petclinic',
      ONE: 'test_config_v1', DB_PASSWORD: 'root', GREETING: 'config is test_config_v1, escaped $(ONE), unknown $(NOPE)', POD_NAME: 'app',
    });
    expect('MAYBE' in view.env).toBe(false);

    configMap(sim, 'petclinic-config', { TEST_CONFIG: 'test_config_v2', DATASOURCE_URL: 'jdbc:mysql://mysql/petclinic' });
    sim.virtualClock.advance(600_000);
    expect(sim.ctx.containerView!('default', 'app')!.env.TEST_CONFIG).toBe('test_config_v1');
    expect(getPod(sim, 'app')!.status!.containerStatuses![0].restartCount).toBe(0);

    sim.ctx.faults!.killContainer('default', 'app');
    untilReady(sim, 'app');
    expect(sim.ctx.containerView!('default', 'app')!.env.TEST_CONFIG).toBe('test_config_v2');
  });

  it('links the Services of the namespace into the environment', () => {
    const sim = kubeletSim();
    sim.api.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'mysql', namespace: 'default' }, spec: { clusterIP: '10.96.120.7', ports: [{ name: 'tcp', port: 3306, protocol: 'TCP' }] } });
    sim.api.create('pods', petclinic('app', {}));
    untilReady(sim, 'app');
    expect(sim.ctx.containerView!('default', 'app')!.env).toMatchObject({
      MYSQL_SERVICE_HOST: '10.96.120.7', MYSQL_SERVICE_PORT: '3306', MYSQL_SERVICE_PORT_TCP: '3306',
      MYSQL_PORT: 'tcp://10.96.120.7:3306', MYSQL_PORT_3306_TCP: 'tcp://10.96.120.7:3306',
      MYSQL_PORT_3306_TCP_PROTO: 'tcp', MYSQL_PORT_3306_TCP_PORT: '3306', MYSQL_PORT_3306_TCP_ADDR: '10.96.120.7',
    });
  });

  it('waits in CreateContainerConfigError for a missing ConfigMap, then runs once it exists', () => {
    const sim = kubeletSim();
    const log = new EventLog(sim);
    sim.api.create('pods', petclinic('app', { envFrom: [{ configMapRef: { name: 'petclinic-config' } }] }));
    sim.virtualClock.advance(20_000);
    const pod = getPod(sim, 'app')!;
    expect(podStatus(pod)).toBe('CreateContainerConfigError');
    expect(pod.status!.phase).toBe('Pending');
    expect(pod.status!.containerStatuses![0].state!.waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "petclinic-config" not found' });
    const failed = log.find('app', 'Failed');
    expect(failed[0]).toMatchObject({ type: 'Warning', message: 'Error: configmap "petclinic-config" not found', fieldPath: 'spec.containers{petclinic}' });
    // The image was pulled before the configuration was generated.
    expect(log.reasons('app').slice(0, 4)).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Failed']);

    configMap(sim, 'petclinic-config', { TEST_CONFIG: 'test_config_v1' });
    const took = sim.virtualClock.advanceUntil(() => readyCount(getPod(sim, 'app')!) === '1/1', 60_000, 100);
    expect(took).toBeLessThanOrEqual(15_500);
    expect(log.reasons('app').slice(-3)).toEqual(['Pulled', 'Created', 'Started']);
    expect(log.find('app', 'Pulled').at(-1)!.message).toBe('Container image "spring2go/spring-petclinic:1.0.0.RELEASE" already present on machine');
    expect(sim.ctx.containerView!('default', 'app')!.env.TEST_CONFIG).toBe('test_config_v1');
  });

  it('names a missing key and a missing Secret the way the kubelet does', () => {
    const sim = kubeletSim();
    configMap(sim, 'cfg', { other: 'x' });
    sim.api.create('pods', podObject('key', { containers: [{ name: 'c', image: 'nginx:1.25', env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'TEST_CONFIG' } } }] }] }));
    sim.api.create('pods', podObject('sec', { containers: [{ name: 'c', image: 'nginx:1.25', env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } }] }] }));
    sim.virtualClock.advance(30_000);
    expect(getPod(sim, 'key')!.status!.containerStatuses![0].state!.waiting!.message).toBe("couldn't find key TEST_CONFIG in ConfigMap default/cfg");
    expect(getPod(sim, 'sec')!.status!.containerStatuses![0].state!.waiting!.message).toBe('secret "creds" not found');
  });
});

describe('mounted ConfigMaps and Secrets', () => {
  const mounted = (name: string) => petclinic(name, {
    volumeMounts: [
      { name: 'config', mountPath: '/config' },
      { name: 'config', mountPath: '/etc/app/single.properties', subPath: 'application.properties' },
      { name: 'creds', mountPath: '/secrets', readOnly: true },
    ],
  }, {
    volumes: [
      { name: 'config', configMap: { name: 'app-files' } },
      { name: 'creds', secret: { secretName: 'db' } },
    ],
  });

  it('updates a mounted file after the kubelet sync delay, never a subPath mount', () => {
    const sim = kubeletSim();
    configMap(sim, 'app-files', { 'application.properties': 'test.config=v1\n' });
    sim.api.create('secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'default' }, data: { password: Buffer.from('petclinic').toString('base64') } });
    sim.api.create('pods', mounted('app'));
    untilReady(sim, 'app');
    expect(sim.ctx.containerView!('default', 'app')!.files).toEqual({
      '/config/application.properties': 'test.config=v1\n',
      '/etc/app/single.properties': 'test.config=v1\n',
      '/secrets/password': 'petclinic',
    });
    configMap(sim, 'app-files', { 'application.properties': 'test.config=v2\n' });
    sim.virtualClock.advance(59_000);
    expect(sim.ctx.containerView!('default', 'app')!.files['/config/application.properties']).toBe('test.config=v1\n');
    sim.virtualClock.advance(31_500);
    const files = sim.ctx.containerView!('default', 'app')!.files;
    expect(files['/config/application.properties']).toBe('test.config=v2\n');
    expect(files['/etc/app/single.properties']).toBe('test.config=v1\n');
    sim.virtualClock.advance(600_000);
    expect(sim.ctx.containerView!('default', 'app')!.files['/etc/app/single.properties']).toBe('test.config=v1\n');
    expect(getPod(sim, 'app')!.status!.containerStatuses![0].restartCount).toBe(0);
    // A new container copies the subPath file again.
    sim.ctx.faults!.killContainer('default', 'app');
    untilReady(sim, 'app');
    expect(sim.ctx.containerView!('default', 'app')!.files['/etc/app/single.properties']).toBe('test.config=v2\n');
  });

  it('keeps a pod in ContainerCreating with FailedMount until the volume source exists', () => {
    const sim = kubeletSim();
    const log = new EventLog(sim);
    sim.api.create('secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'default' }, data: {} });
    sim.api.create('pods', mounted('app'));
    sim.virtualClock.advance(30_000);
    expect(podStatus(getPod(sim, 'app')!)).toBe('ContainerCreating');
    const failedMount = log.find('app', 'FailedMount');
    expect(failedMount[0]).toMatchObject({ type: 'Warning', message: 'MountVolume.SetUp failed for volume "config" : configmap "app-files" not found', component: 'kubelet' });
    expect(failedMount.length).toBeGreaterThan(3);
    expect(log.reasons('app')).not.toContain('Pulling');
    configMap(sim, 'app-files', { 'application.properties': 'x=1' });
    const took = sim.virtualClock.advanceUntil(() => readyCount(getPod(sim, 'app')!) === '1/1', 300_000, 100);
    expect(took).toBeLessThanOrEqual(122_000 + 30_000);
  });
});
