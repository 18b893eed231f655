// The scenario panel below the table: fixed height, one Text per line, coloured by what it is.
import { Box, Text } from 'ink';
import type { ServiceTraffic } from '../../../backends/sim/network/trafficGenerator.js';
import type { PlayerView } from '../../scenario/scenarioPlayer.js';
import type { Theme, ThemeKey } from '../../theme/index.js';
import { color } from '../components/themeColor.js';
import { fit } from '../tableModel.js';
import { scenarioPanelLines, type PanelLineKind } from './panelLines.js';

const COLORS: Record<PanelLineKind, ThemeKey> = {
  title: 'title', text: 'fg', command: 'prompt', output: 'status.ok', error: 'flash.error', running: 'status.pending',
  heading: 'header', pod: 'status.ok', failed: 'status.error',
};

export interface ScenarioPanelProps {
  view?: PlayerView;
  traffic: ServiceTraffic[];
  width: number;
  height: number;
  theme: Theme;
}

export function ScenarioPanel({ view, traffic, width, height, theme }: ScenarioPanelProps) {
  const lines = scenarioPanelLines(view, traffic, width, height);
  return (
    <Box flexDirection="column" height={height}>
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate-end" color={color(theme, COLORS[l.kind])} bold={l.kind === 'title'}>{fit(l.text, width)}</Text>
      ))}
    </Box>
  );
}

/** Rows the panel takes from a frame of `frameHeight` rows; 0 when there is nothing to show. */
export function scenarioPanelHeight(active: boolean, frameHeight: number): number {
  return active ? Math.max(4, Math.min(14, Math.floor(frameHeight * 0.4))) : 0;
}
