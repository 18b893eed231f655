// `kubectl rollout history` text (kubernetes-behaviour.md §2.3), byte for byte.
import { describe, expect, it } from 'vitest';
import type { PodTemplateSpec } from '../../backends/contract/types.js';
import { renderHistoryTable, renderPodTemplate, renderRevisionTemplate } from '../../src/render/index.js';

describe('rollout history', () => {
  it('lists revisions ascending with CHANGE-CAUSE, a trailing space after the name and a final blank line', () => {
    const out = renderHistoryTable('deployment.apps/nginx', [
      { revision: 4 },
      { revision: 1, changeCause: '' },
      { revision: 3, changeCause: 'kubectl set image deployment/nginx nginx=nginx:1.16.1 --record=true' },
    ]);
    expect(out).toBe([
      'deployment.apps/nginx ',
      'REVISION  CHANGE-CAUSE',
      '1         <none>',
      '3         kubectl set image deployment/nginx nginx=nginx:1.16.1 --record=true',
      '4         <none>',
      '',
      '',
    ].join('\n'));
  });

  it('says so when there is no history', () => {
    expect(renderHistoryTable('deployment.apps/nginx', [])).toBe('deployment.apps/nginx \nNo rollout history found.\n');
  });

  it('widens the first column for long revision numbers', () => {
    expect(renderHistoryTable('deployment.apps/x', [{ revision: 1234567890 }, { revision: 2 }]))
      .toBe('deployment.apps/x \nREVISION    CHANGE-CAUSE\n2           <none>\n1234567890  <none>\n\n');
  });
});

const template: PodTemplateSpec = {
  metadata: { labels: { app: 'nginx', 'pod-template-hash': '5d59d67564' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.16.1', ports: [{ containerPort: 80, protocol: 'TCP' }] }] },
};

describe('rollout history --revision', () => {
  it('prints the ReplicaSet template with literal tabs (PrefixWriter, no tabwriter) and the change-cause', () => {
    const out = renderRevisionTemplate('deployment.apps/nginx', 3, template, 'kubectl set image deployment/nginx nginx=nginx:1.16.1 --record=true');
    expect(out).toBe([
      'deployment.apps/nginx with revision #3',
      'Pod Template:',
      '  Labels:\tapp=nginx',
      '\tpod-template-hash=5d59d67564',
      '  Annotations:\tkubernetes.io/change-cause: kubectl set image deployment/nginx nginx=nginx:1.16.1 --record=true',
      '  Containers:',
      '   nginx:',
      '    Image:\tnginx:1.16.1',
      '    Port:\t80/TCP',
      '    Host Port:\t0/TCP',
      '    Environment:\t<none>',
      '    Mounts:\t<none>',
      '  Volumes:\t<none>',
      '  Node-Selectors:\t<none>',
      '  Tolerations:\t<none>',
      '',
      '',
    ].join('\n'));
  });

  it('omits Annotations when the template has none; does not change the template it is given', () => {
    const copy = structuredClone(template);
    const out = renderRevisionTemplate('deployment.apps/nginx', 1, copy);
    expect(out).not.toContain('Annotations');
    expect(out.startsWith('deployment.apps/nginx with revision #1\nPod Template:\n  Labels:\tapp=nginx\n')).toBe(true);
    renderRevisionTemplate('deployment.apps/nginx', 1, copy, 'cause');
    expect(copy).toEqual(template);
  });

  it('renderPodTemplate: containers with no ports print <none>, volumes and env listed', () => {
    const t: PodTemplateSpec = {
      metadata: { labels: { app: 'mysql' } },
      spec: {
        containers: [{
          name: 'mysql', image: 'mysql:5.7', env: [{ name: 'MYSQL_ROOT_PASSWORD', value: 'root' }],
          volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg', readOnly: true }, { name: 'data', mountPath: '/data', subPath: 'db' }],
        }],
        volumes: [{ name: 'cfg', configMap: { name: 'petclinic-config' } }, { name: 'data', emptyDir: {} }],
      },
    };
    expect(renderPodTemplate(t)).toBe([
      'Pod Template:',
      '  Labels:\tapp=mysql',
      '  Containers:',
      '   mysql:',
      '    Image:\tmysql:5.7',
      '    Port:\t<none>',
      '    Host Port:\t<none>',
      '    Environment:',
      '      MYSQL_ROOT_PASSWORD:\troot',
      '    Mounts:',
      '      /data from data (rw,path="db")',
      '      /etc/cfg from cfg (ro)',
      '  Volumes:',
      '   cfg:',
      '    Type:\tConfigMap (a volume populated by a ConfigMap)',
      '    Name:\tpetclinic-config',
      '    Optional:\tfalse',
      '   data:',
      '    Type:\tEmptyDir (a temporary directory that shares a pod\'s lifetime)',
      '    Medium:\t',
      '    SizeLimit:\t<unset>',
      '  Node-Selectors:\t<none>',
      '  Tolerations:\t<none>',
      '',
    ].join('\n'));
  });
});
