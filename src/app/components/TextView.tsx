// A scrollable page of text (describe, YAML, help): draws only the lines in view.
import { Box, Text } from 'ink';
import type { Theme } from '../../theme/index.js';
import { fit } from '../tableModel.js';
import { color } from './themeColor.js';

export interface TextViewProps {
  lines: readonly string[];
  top: number;
  left?: number;
  height: number;
  width: number;
  theme: Theme;
}

export function TextView({ lines, top, left = 0, height, width, theme }: TextViewProps) {
  const out = [];
  for (let i = 0; i < height; i++) {
    const line = lines[top + i];
    out.push(<Text key={i} wrap="truncate-end" color={color(theme, 'fg')}>{line === undefined ? ' ' : fit(line.replace(/\t/g, '        ').slice(left), width)}</Text>);
  }
  return <Box flexDirection="column">{out}</Box>;
}

export function maxTop(lines: number, height: number): number {
  return Math.max(0, lines - height);
}
