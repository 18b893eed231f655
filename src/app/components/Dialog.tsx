// A framed dialog drawn in the middle of the body area: a question, a few lines, and buttons of
// which one has focus.
import { Box, Text } from 'ink';
import type { Theme } from '../../theme/index.js';
import { fit } from '../tableModel.js';
import { color } from './themeColor.js';

export interface DialogProps {
  title: string;
  lines: string[];
  buttons: string[];
  focus: number;
  height: number;
  width: number;
  theme: Theme;
}

export function Dialog({ title, lines, buttons, focus, height, width, theme }: DialogProps) {
  const content = [title, '', ...lines, ''];
  const buttonRow = buttons.map((b) => `[ ${b} ]`).join('   ');
  const inner = Math.min(width - 4, Math.max(40, buttonRow.length + 4, ...content.map((l) => l.length + 2)));
  const boxWidth = inner + 2;
  const left = ' '.repeat(Math.max(0, Math.floor((width - boxWidth) / 2)));
  const boxHeight = content.length + 3;
  const above = Math.max(0, Math.floor((height - boxHeight) / 2));
  const border = color(theme, 'dialog.border');
  const fg = color(theme, 'dialog.fg');
  const out = [];
  for (let i = 0; i < above; i++) out.push(<Text key={`a${i}`}> </Text>);
  out.push(<Text key="top" color={border}>{left}┌{'─'.repeat(inner)}┐</Text>);
  content.forEach((l, i) => out.push(
    <Text key={`c${i}`}>
      {left}<Text color={border}>│</Text><Text color={fg} bold={i === 0}>{fit(' ' + l, inner)}</Text><Text color={border}>│</Text>
    </Text>,
  ));
  const pad = Math.max(0, Math.floor((inner - buttonRow.length) / 2));
  out.push(
    <Text key="buttons">
      {left}<Text color={border}>│</Text>{' '.repeat(pad)}
      {buttons.map((b, i) => (
        <Text key={b}>
          {i > 0 ? '   ' : ''}
          <Text color={color(theme, i === focus ? 'dialog.focus' : 'dialog.button')} inverse={i === focus} bold={i === focus}>[ {b} ]</Text>
        </Text>
      ))}
      {' '.repeat(Math.max(0, inner - pad - buttonRow.length))}<Text color={border}>│</Text>
    </Text>,
  );
  out.push(<Text key="bottom" color={border}>{left}└{'─'.repeat(inner)}┘</Text>);
  while (out.length < height) out.push(<Text key={`b${out.length}`}> </Text>);
  return <Box flexDirection="column">{out.slice(0, height)}</Box>;
}
