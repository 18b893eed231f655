import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../backends/sim/simulator.js';
import type { Secret } from '../../backends/contract/types.js';
import { describe as describeObject } from '../../src/ops/describe.js';
import { applyFile } from '../helpers/applyFile.js';
import { waitForRunning } from '../network/lessonKit.js';

// Tutorial lesson 9: a Secret is only base64 (§9.2).
const secret = `apiVersion: v1
kind: Secret
metadata:
  name: mysql-credentials
stringData:
  username: root
  password: petclinic
`;

const encoded = `apiVersion: v1
kind: Secret
metadata:
  name: mysql-root
type: Opaque
data:
  username: cm9vdA==
`;

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: reader
  labels:
    app: reader
spec:
  containers:
    - name: reader
      image: busybox:1.36
      command: ["sleep", "3600"]
      env:
        - name: DATASOURCE_USERNAME
          valueFrom:
            secretKeyRef:
              name: mysql-credentials
              key: username
      volumeMounts:
        - name: creds
          mountPath: /etc/creds
          readOnly: true
  volumes:
    - name: creds
      secret:
        secretName: mysql-root
`;

describe('lesson 9: Secret', () => {
  it('stores stringData as base64 data: cm9vdA== is root', async () => {
    const sim = createSimulator();
    const b = sim.backend;
    expect(await applyFile(b, 'secret.yml', secret)).toEqual(['secret/mysql-credentials created']);
    const s = await b.get('secrets', 'default', 'mysql-credentials') as Secret;
    expect(s.type).toBe('Opaque');
    expect(s.data).toEqual({ username: 'cm9vdA==', password: 'cGV0Y2xpbmlj' });
    expect(s.stringData).toBeUndefined();
    // Anyone who can read the Secret can decode it.
    expect(Buffer.from(s.data!.username, 'base64').toString()).toBe('root');
    // describe shows sizes, never values.
    const page = await describeObject(b, 'secrets', 'default', 'mysql-credentials', sim.clock.now());
    expect(page).toMatch(/^Type:\s+Opaque$/m);
    expect(page).toMatch(/^username:\s+4 bytes$/m);
    expect(page).toMatch(/^password:\s+9 bytes$/m);
    expect(page).not.toContain('root');
  });

  it('hands containers the decoded values, as environment and as files', async () => {
    const sim = createSimulator();
    const b = sim.backend;
    await applyFile(b, 'secret.yml', secret);
    expect(await applyFile(b, 'secret-encoded.yml', encoded)).toEqual(['secret/mysql-root created']);
    expect(((await b.get('secrets', 'default', 'mysql-root')) as Secret).data).toEqual({ username: 'cm9vdA==' });
    await applyFile(b, 'reader.yml', pod);
    await waitForRunning(sim, b, 'default', 'app=reader', 1);
    const view = sim.ctx.containerView!('default', 'reader', 'reader')!;
    expect(view.env.DATASOURCE_USERNAME).toBe('root');
    expect(view.files['/etc/creds/username']).toBe('root');
  });
});
