import { afterEach, describe, expect, it } from 'vitest';
import { get } from 'node:http';
import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { newSim } from '../helpers/sim.js';
import { network } from '../../backends/sim/network/index.js';
import { exposeNodePorts, type NodePortExposure } from '../../backends/sim/network/expose.js';
import type { KubeObject } from '../../backends/contract/types.js';
import { createPod } from './fixtures.js';

function fetchText(host: string, port: number, path = '/'): Promise<{ status: number; body: string; pod?: string }> {
  return new Promise((resolve, reject) => {
    get({ host, port, path, timeout: 2000 }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, pod: res.headers['x-kdash-pod'] as string | undefined }));
    }).on('error', reject);
  });
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host, port, timeout: 1000 });
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
    s.once('timeout', () => { s.destroy(); resolve(false); });
  });
}

let exposure: NodePortExposure | undefined;
afterEach(() => { exposure?.(); exposure = undefined; });

describe('loopback NodePorts', () => {
  it('answer curl on 127.0.0.1:<nodePort> from the routed pod, only on loopback, following creates and deletes', async () => {
    const sim = newSim([network]);
    const nodePort = 32000 + Math.floor(Math.random() * 700);
    createPod(sim, 'web-0', { app: 'web' }, { ip: '10.244.1.2', ports: [{ containerPort: 80 }] });
    sim.virtualClock.advance(1000);
    exposure = exposeNodePorts(sim.ctx);
    sim.api.create('services', { metadata: { name: 'web', namespace: 'default' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, nodePort }] } } as KubeObject);
    sim.virtualClock.advance(1000);
    await exposure.settled();
    expect(exposure.ports()).toEqual([nodePort]);
    const r = await fetchText('127.0.0.1', nodePort, '/hello');
    expect(r.status).toBe(200);
    expect(r.pod).toBe('web-0');
    expect(r.body).toBe('nginx:1.25 on web-0 (10.244.1.2) answered on port 80: GET /hello\n');
    expect(sim.ctx.traffic!.countersFor('default', 'web-0')?.ok).toBe(1);

    const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) expect(await canConnect(external.address, nodePort)).toBe(false);

    sim.api.delete('services', 'default', 'web');
    sim.virtualClock.advance(1000);
    expect(exposure.ports()).toEqual([]);
    await new Promise((r) => setTimeout(r, 50));
    expect(await canConnect('127.0.0.1', nodePort)).toBe(false);
  });
});
