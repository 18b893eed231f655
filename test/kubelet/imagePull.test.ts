import { describe, expect, it } from 'vitest';
import { parseImage, defaultPullPolicy } from '../../backends/sim/kubelet/imageRegistry.js';
import { EventLog, getPod, kubeletSim, podObject, podStatus, statusTimeline } from './support.js';

const NOT_FOUND = 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found';

describe('image references', () => {
  it('normalizes names the way containerd reports them', () => {
    const n = (i: string) => { const p = parseImage(i); return p.ok ? p.ref.normalized : p.error; };
    expect(n('nginx')).toBe('docker.io/library/nginx:latest');
    expect(n('nginx:1.25')).toBe('docker.io/library/nginx:1.25');
    expect(n('spring2go/spring-petclinic:1.0.0.RELEASE')).toBe('docker.io/spring2go/spring-petclinic:1.0.0.RELEASE');
    expect(n('registry.k8s.io/coredns/coredns:v1.12.0')).toBe('registry.k8s.io/coredns/coredns:v1.12.0');
    expect(n('localhost:5000/app')).toBe('localhost:5000/app:latest');
    expect(n('Nginx:1.25')).toBe('couldn\'t parse image name "Nginx:1.25": invalid reference format: repository name (library/Nginx) must be lowercase');
    expect(defaultPullPolicy('nginx')).toBe('Always');
    expect(defaultPullPolicy('nginx:latest')).toBe('Always');
    expect(defaultPullPolicy('nginx:1.25')).toBe('IfNotPresent');
  });
});

describe('image pulls', () => {
  it('fails a pull of an unknown tag: ErrImagePull, then ImagePullBackOff, retrying after 10, 20 and 40 s', () => {
    const sim = kubeletSim();
    const log = new EventLog(sim);
    const timeline = statusTimeline(sim, 'bad');
    sim.api.create('pods', podObject('bad', { containers: [{ name: 'nginx', image: 'nginx:doesnotexist' }] }));
    sim.virtualClock.advance(150_000);

    const failedPull = log.find('bad', 'Failed').filter((e) => e.message.startsWith('Failed to pull'));
    expect(failedPull[0].message).toBe(`Failed to pull image "nginx:doesnotexist": ${NOT_FOUND}`);
    expect(failedPull[0].type).toBe('Warning');
    expect(log.find('bad', 'Failed').map((e) => e.message)).toContain('Error: ErrImagePull');
    expect(log.find('bad', 'Failed').map((e) => e.message)).toContain('Error: ImagePullBackOff');
    expect(log.find('bad', 'BackOff')[0]).toMatchObject({ type: 'Normal', message: 'Back-off pulling image "nginx:doesnotexist"' });

    // Each new attempt starts when the back-off since the last failure has run out.
    const pulls = log.find('bad', 'Pulling').map((e) => e.at);
    expect(pulls.length).toBe(4);
    const gaps = pulls.slice(1).map((at, i) => at - failedPull[i].at);
    expect(gaps).toEqual([10_000, 20_000, 40_000]);

    expect(timeline.map((t) => t.status)).toEqual([
      'Pending', 'ContainerCreating', 'ErrImagePull', 'ImagePullBackOff', 'ErrImagePull', 'ImagePullBackOff', 'ErrImagePull', 'ImagePullBackOff', 'ErrImagePull', 'ImagePullBackOff',
    ]);
    const waiting = getPod(sim, 'bad')!.status!.containerStatuses![0].state!.waiting!;
    expect(waiting).toEqual({ reason: 'ImagePullBackOff', message: `Back-off pulling image "nginx:doesnotexist": ErrImagePull: ${NOT_FOUND}` });
    expect(getPod(sim, 'bad')!.status!.phase).toBe('Pending');
  });

  it('shows ErrImagePull with the runtime error right after a failed attempt', () => {
    const sim = kubeletSim();
    sim.api.create('pods', podObject('bad', { containers: [{ name: 'nginx', image: 'nginx:doesnotexist' }] }));
    sim.virtualClock.advanceUntil(() => podStatus(getPod(sim, 'bad')!) === 'ErrImagePull', 30_000, 10);
    expect(getPod(sim, 'bad')!.status!.containerStatuses![0].state!.waiting).toEqual({ reason: 'ErrImagePull', message: NOT_FOUND });
  });

  it('caps the pull back-off at 300 s', () => {
    const sim = kubeletSim();
    const log = new EventLog(sim);
    sim.api.create('pods', podObject('bad', { containers: [{ name: 'c', image: 'mysql:4.0' }] }));
    sim.virtualClock.advance(1_800_000);
    const failed = log.find('bad', 'Failed').filter((e) => e.message.startsWith('Failed to pull')).map((e) => e.at);
    const pulls = log.find('bad', 'Pulling').map((e) => e.at);
    const gaps = pulls.slice(1).map((at, i) => at - failed[i]);
    expect(gaps.slice(0, 7)).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
  });

  it('pulls images of repositories it does not know, and known tags of the tutorial images', () => {
    const sim = kubeletSim();
    const images = ['example.com/team/app:2.1', 'myorg/private-thing:v9', 'spring2go/spring-petclinic:1.0.1.RELEASE', 'mysql:8.0', 'busybox:1.36', 'redis', 'httpd:2.4'];
    images.forEach((image, i) => sim.api.create('pods', podObject(`p${i}`, { containers: [{ name: 'c', image, command: image.startsWith('busybox') ? ['sleep', '3600'] : undefined, env: image.startsWith('mysql') ? [{ name: 'MYSQL_ROOT_PASSWORD', value: 'x' }] : undefined }] })));
    sim.virtualClock.advance(120_000);
    for (let i = 0; i < images.length; i++) expect([images[i], podStatus(getPod(sim, `p${i}`)!)]).toEqual([images[i], 'Running']);
    sim.api.create('pods', podObject('petclinic-old', { containers: [{ name: 'c', image: 'spring2go/spring-petclinic:2.0.0' }] }));
    sim.virtualClock.advance(10_000);
    expect(podStatus(getPod(sim, 'petclinic-old')!)).toMatch(/^(ErrImagePull|ImagePullBackOff)$/);
  });

  it('pulls again with imagePullPolicy Always even when the image is present', () => {
    const sim = kubeletSim();
    const log = new EventLog(sim);
    const spec = (policy: string) => ({ nodeSelector: { 'kubernetes.io/hostname': 'kind-worker' }, containers: [{ name: 'c', image: 'nginx:1.25', imagePullPolicy: policy }] });
    sim.api.create('pods', podObject('one', spec('IfNotPresent')));
    sim.virtualClock.advanceUntil(() => getPod(sim, 'one')?.status?.phase === 'Running', 60_000);
    sim.api.create('pods', podObject('two', spec('Always')));
    sim.virtualClock.advanceUntil(() => getPod(sim, 'two')?.status?.phase === 'Running', 60_000);
    expect(log.reasons('two')).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    expect(log.find('two', 'Pulled')[0].message).toMatch(/^Successfully pulled image "nginx:1\.25" in \d+ms \(\d+ms including waiting\)/);
  });

  it('refuses an image name it cannot parse: InvalidImageName', () => {
    const sim = kubeletSim();
    const log = new EventLog(sim);
    sim.api.create('pods', podObject('caps', { containers: [{ name: 'c', image: 'Nginx:1.25' }] }));
    sim.virtualClock.advance(5_000);
    const pod = getPod(sim, 'caps')!;
    expect(podStatus(pod)).toBe('InvalidImageName');
    const msg = 'Failed to apply default image tag "Nginx:1.25": couldn\'t parse image name "Nginx:1.25": invalid reference format: repository name (library/Nginx) must be lowercase';
    expect(pod.status!.containerStatuses![0].state!.waiting).toEqual({ reason: 'InvalidImageName', message: msg });
    expect(log.find('caps', 'InspectFailed')[0].message).toBe(msg);
    expect(log.find('caps', 'Failed')[0].message).toBe('Error: InvalidImageName');
  });

  it('will not pull with imagePullPolicy Never', () => {
    const sim = kubeletSim();
    sim.api.create('pods', podObject('never', { containers: [{ name: 'c', image: 'redis:7', imagePullPolicy: 'Never' }] }));
    sim.virtualClock.advance(5_000);
    expect(getPod(sim, 'never')!.status!.containerStatuses![0].state!.waiting).toEqual({
      reason: 'ErrImageNeverPull', message: 'Container image "redis:7" is not present with pull policy of Never',
    });
  });
});
