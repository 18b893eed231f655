// The flash line (the result or error of the last action) and the banner shown while the cluster
// cannot be reached.
import { Text } from 'ink';
import type { Theme } from '../../theme/index.js';
import { fit } from '../tableModel.js';
import { color } from './themeColor.js';

export interface Flash { text: string; level: 'info' | 'error' }

export function FlashLine({ flash, width, theme }: { flash?: Flash; width: number; theme: Theme }) {
  const text = flash ? flash.text.split('\n').join(' ') : '';
  return (
    <Text wrap="truncate-end" color={flash ? color(theme, flash.level === 'error' ? 'flash.error' : 'flash.info') : undefined}>
      {fit(text, width)}
    </Text>
  );
}

export function StaleBanner({ text, width, theme }: { text: string; width: number; theme: Theme }) {
  return <Text wrap="truncate-end" color={color(theme, 'stale')} bold inverse={theme.noColor}>{fit(text, width)}</Text>;
}
