import { describe, expect, it } from 'vitest';
import { isStatusError } from '../../backends/contract/errors.js';
import { createSimulator } from '../../backends/sim/simulator.js';
import type { Pod } from '../../backends/contract/types.js';
import { getPod, kubeletSim, podObject, readyCount } from './support.js';

function started(sim: ReturnType<typeof kubeletSim>, name: string, containers: Array<Record<string, unknown>>): void {
  sim.api.create('pods', podObject(name, { containers }));
  sim.virtualClock.advanceUntil(() => readyCount(getPod(sim, name)!) === `${containers.length}/${containers.length}`, 60_000, 10);
}

function thrown(fn: () => unknown): Error {
  try { fn(); } catch (e) { return e as Error; }
  throw new Error('expected an error');
}

describe('container logs', () => {
  it('prints the startup lines of the tutorial images, as time passes', () => {
    const sim = kubeletSim();
    started(sim, 'petclinic', [{ name: 'petclinic', image: 'spring2go/spring-petclinic:1.0.1.RELEASE' }]);
    const early = sim.ctx.logs!('default', 'petclinic', undefined, 1000);
    expect(early.some((l) => l.includes('Started PetClinicApplication'))).toBe(false);
    sim.virtualClock.advance(15_000);
    const lines = sim.ctx.logs!('default', 'petclinic', undefined, 1000);
    expect(lines).toContain(':: Built with Spring Boot :: 1.5.4.RELEASE');
    expect(lines.some((l) => /Starting PetClinicApplication v1\.0\.1\.RELEASE on petclinic with PID 1/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}  INFO 1 --- \[ {11}main\] o\.s\.s\.petclinic\.PetClinicApplication {5}: Started PetClinicApplication in [\d.]+ seconds/);
    expect(sim.ctx.logs!('default', 'petclinic', 'petclinic', 2)).toHaveLength(2);

    started(sim, 'web', [{ name: 'nginx', image: 'nginx:1.25' }]);
    sim.virtualClock.advance(1_000);
    const nginx = sim.ctx.logs!('default', 'web', 'nginx', 100);
    expect(nginx[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(nginx.some((l) => /\[notice\] 1#1: nginx\/1\.25\.5$/.test(l))).toBe(true);

    started(sim, 'mysql', [{ name: 'mysql', image: 'mysql:5.7', env: [{ name: 'MYSQL_ROOT_PASSWORD', value: 'petclinic' }, { name: 'MYSQL_DATABASE', value: 'petclinic' }] }]);
    sim.virtualClock.advance(20_000);
    const mysql = sim.ctx.logs!('default', 'mysql', undefined, 100);
    expect(mysql.some((l) => l.endsWith('[Note] [Entrypoint]: Creating database petclinic'))).toBe(true);
    expect(mysql.some((l) => / 0 \[Note\] mysqld: ready for connections\.$/.test(l))).toBe(true);
    expect(mysql.at(-1)).toBe("Version: '5.7.44'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server (GPL)");
  });

  it('answers like the API server for containers that have not started, or when the name is ambiguous', () => {
    const sim = kubeletSim();
    sim.api.create('pods', podObject('bad', { containers: [{ name: 'nginx', image: 'nginx:doesnotexist' }] }));
    sim.virtualClock.advance(300);
    let e = thrown(() => sim.ctx.logs!('default', 'bad', undefined, 10));
    expect(isStatusError(e, 'BadRequest')).toBe(true);
    expect(e.message).toBe('container "nginx" in pod "bad" is waiting to start: ContainerCreating');
    sim.virtualClock.advance(5_000);
    e = thrown(() => sim.ctx.logs!('default', 'bad', undefined, 10));
    expect(e.message).toMatch(/^container "nginx" in pod "bad" is waiting to start: (image can't be pulled|trying and failing to pull image)$/);
    started(sim, 'two', [{ name: 'a', image: 'nginx:1.25' }, { name: 'b', image: 'redis:7' }]);
    expect(thrown(() => sim.ctx.logs!('default', 'two', undefined, 10)).message).toBe('a container name must be specified for pod two, choose one of: [a b]');
    expect(thrown(() => sim.ctx.logs!('default', 'two', 'c', 10)).message).toBe('container c is not valid for pod two');
    expect(isStatusError(thrown(() => sim.ctx.logs!('default', 'nope', undefined, 10)), 'NotFound')).toBe(true);
  });
});

describe('what a container sees', () => {
  it('is nothing until the container runs', () => {
    const sim = kubeletSim();
    sim.api.create('pods', podObject('web', { containers: [{ name: 'nginx', image: 'nginx:1.25' }] }));
    expect(sim.ctx.containerView!('default', 'web')).toBeUndefined();
    sim.virtualClock.advanceUntil(() => readyCount(getPod(sim, 'web')!) === '1/1', 60_000, 10);
    expect(sim.ctx.containerView!('default', 'web')!.container).toBe('nginx');
    expect(sim.ctx.containerView!('default', 'web', 'other')).toBeUndefined();
  });
});

describe('on the default simulator', () => {
  it('runs the fresh cluster system pods, and a deleted mirror pod comes back without restarting', () => {
    const sim = createSimulator({ seed: 3 });
    sim.virtualClock.advance(30_000);
    const system = sim.api.list('pods', { namespace: 'kube-system' }).items as Pod[];
    expect(system.length).toBeGreaterThanOrEqual(10);
    for (const p of system) expect([p.metadata!.name, readyCount(p)]).toEqual([p.metadata!.name, '1/1']);
    const apiserver = getPod(sim, 'kube-apiserver-kind-control-plane', 'kube-system')!;
    expect(apiserver.status!.podIP).toBe('172.18.0.2');
    const containerID = apiserver.status!.containerStatuses![0].containerID;
    sim.api.delete('pods', 'kube-system', 'kube-apiserver-kind-control-plane');
    sim.virtualClock.advance(5_000);
    const back = getPod(sim, 'kube-apiserver-kind-control-plane', 'kube-system')!;
    expect(back.metadata!.uid).not.toBe(apiserver.metadata!.uid);
    expect(readyCount(back)).toBe('1/1');
    expect(back.status!.containerStatuses![0].containerID).toBe(containerID);
    expect(back.status!.containerStatuses![0].restartCount).toBe(0);
    for (const p of sim.api.list('pods', { namespace: 'kube-system', labelSelector: 'k8s-app=kube-dns' }).items as Pod[]) {
      expect(p.spec!.nodeName).not.toBe(undefined);
      expect(p.status!.podIP).toMatch(/^10\.244\.\d\.\d+$/);
    }
  });
});
