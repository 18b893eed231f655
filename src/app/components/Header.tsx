// The two header lines: who we talk to (context, cluster, backend, namespace, server version,
// READ-ONLY), then where we are (breadcrumbs, row count, active filter).
import { Text } from 'ink';
import type { ClusterIdentity } from '../../../backends/contract/backend.js';
import type { Theme } from '../../theme/index.js';
import { fit } from '../tableModel.js';
import { color } from './themeColor.js';

export interface HeaderProps {
  identity?: ClusterIdentity;
  /** undefined = all namespaces. */
  namespace: string | undefined;
  readonly: boolean;
  width: number;
  theme: Theme;
}

export function IdentityLine({ identity, namespace, readonly, width, theme }: HeaderProps) {
  const pairs: Array<[string, string]> = [
    ['Context', identity?.context ?? '…'],
    ['Cluster', identity?.cluster ?? '…'],
    ['Backend', identity?.backend ?? '…'],
    ['Namespace', namespace ?? 'all'],
    ['Server', identity?.version ?? '…'],
  ];
  // The flag comes first, so a narrow terminal never cuts it off.
  const ro = readonly ? 'READ-ONLY  ' : '';
  const plain = ro + pairs.map(([k, v]) => `${k}: ${v}`).join('  ');
  const spare = Math.max(0, width - plain.length);
  if (plain.length > width) {
    return (
      <Text wrap="truncate-end">
        {readonly ? <Text color={color(theme, 'readonly')} bold inverse={theme.noColor}>{ro}</Text> : null}
        {fit(plain.slice(ro.length), width - ro.length)}
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end">
      {readonly ? <Text color={color(theme, 'readonly')} bold inverse={theme.noColor}>{ro}</Text> : null}
      {pairs.map(([k, v], i) => (
        <Text key={k}>
          {i > 0 ? '  ' : ''}
          <Text color={color(theme, 'header')}>{k}: </Text>
          <Text color={color(theme, 'headerValue')} bold>{v}</Text>
        </Text>
      ))}
      {' '.repeat(spare)}
    </Text>
  );
}

export interface TitleProps {
  crumbs: string[];
  /** Scope shown after the last crumb: a namespace, `all`, or nothing for cluster-scoped tables. */
  scope?: string;
  count?: number;
  filter?: string;
  sort?: string;
  width: number;
  theme: Theme;
}

export function TitleLine({ crumbs, scope, count, filter, sort, width, theme }: TitleProps) {
  const head = crumbs.join(' > ');
  const suffix = `${scope !== undefined ? `(${scope})` : ''}${count !== undefined ? `[${count}]` : ''}`;
  const f = filter ? ` </${filter}>` : '';
  const s = sort ? ` ↕${sort}` : '';
  const plain = head + suffix + f + s;
  return (
    <Text wrap="truncate-end">
      <Text color={color(theme, 'title')} bold>{fit(head + suffix, Math.min(width, (head + suffix).length))}</Text>
      <Text color={color(theme, 'filter')}>{f}</Text>
      <Text color={color(theme, 'border')}>{s}</Text>
      {' '.repeat(Math.max(0, width - plain.length))}
    </Text>
  );
}
