// Go text/tabwriter as kubectl uses it (kubernetes-behaviour.md §0.2).
import { describe, expect, it } from 'vitest';
import { DESCRIBE_TABWRITER, GET_TABWRITER, tabwrite } from '../../src/render/index.js';

describe('tabwriter', () => {
  it('a line without a tab ends the column block (describe pod IPs)', () => {
    const input = [
      'Status:\tRunning', 'IP:\t10.244.0.5', 'IPs:', '  IP:\t10.244.0.5', 'Controlled By:\tReplicaSet/x', 'Containers:', '',
    ].join('\n');
    expect(tabwrite(input, DESCRIBE_TABWRITER)).toBe([
      'Status:  Running',
      'IP:      10.244.0.5',
      'IPs:',
      '  IP:           10.244.0.5',
      'Controlled By:  ReplicaSet/x',
      'Containers:',
      '',
    ].join('\n'));
  });

  it('prints the text after the last tab as is, unpadded', () => {
    expect(tabwrite('a\tb\nlonger\tc\n', DESCRIBE_TABWRITER)).toBe('a       b\nlonger  c\n');
  });

  it('aligns inner columns only over lines that have them', () => {
    const input = 'Port:\t<unset>\t8080/TCP\nTargetPort:\t80/TCP\nNodePort:\t<unset>\t31080/TCP\n';
    expect(tabwrite(input, DESCRIBE_TABWRITER)).toBe(
      'Port:        <unset>  8080/TCP\nTargetPort:  80/TCP\nNodePort:    <unset>  31080/TCP\n',
    );
  });

  it('kubectl get: minwidth 6, padding 3', () => {
    const input = 'NAME\tDATA\tAGE\nkube-root-ca.crt\t1\t5m\napp-config\t2\t10s\n';
    expect(tabwrite(input, GET_TABWRITER)).toBe([
      'NAME               DATA   AGE',
      'kube-root-ca.crt   1      5m',
      'app-config         2      10s',
      '',
    ].join('\n'));
  });

  it('keeps trailing spaces of a cell (describe Conditions rows)', () => {
    expect(tabwrite('  Type\tStatus\n  Ready \tTrue \n', DESCRIBE_TABWRITER)).toBe('  Type    Status\n  Ready   True \n');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(tabwrite('é\tx\nab\ty\n', DESCRIBE_TABWRITER)).toBe('é   x\nab  y\n');
  });
});
