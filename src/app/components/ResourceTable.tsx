// A table that draws only its visible window: a header line and at most `height` rows, padded
// with blank lines so the frame keeps its height.
import { Box, Text } from 'ink';
import type { Theme } from '../../theme/index.js';
import { columnWidths, fit, layoutLine, type VisibleTable } from '../tableModel.js';
import { color, selectionStyle, stateColor } from './themeColor.js';

export interface ResourceTableProps {
  table: VisibleTable;
  /** Index of the selected row within the window, -1 for none. */
  selected: number;
  /** Rows below the header. */
  height: number;
  width: number;
  theme: Theme;
  stale: boolean;
  /** Shown in place of rows when there are none. */
  emptyText: string;
}

export function ResourceTable({ table, selected, height, width, theme, stale, emptyText }: ResourceTableProps) {
  const widths = columnWidths(table);
  const lines = [];
  for (let i = 0; i < height; i++) {
    const row = table.rows[i];
    if (!row) {
      lines.push(<Text key={`blank${i}`}>{i === 0 && table.rows.length === 0 ? fit(emptyText, width) : ' '}</Text>);
      continue;
    }
    // Only the selection is drawn to the full width: Ink styles every character it is given, and
    // the blanks after a row's last cell are a third of a frame's characters.
    const line = layoutLine(row.cells, widths, width);
    const text = i === selected ? line : line.trimEnd();
    const style = i === selected ? selectionStyle(theme) : { color: stateColor(theme, row.state) ?? color(theme, 'fg') };
    lines.push(<Text key={row.key} wrap="truncate-end" dimColor={stale && i !== selected} {...style}>{text}</Text>);
  }
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" bold color={color(theme, 'tableHeader')}>{layoutLine(table.header, widths, width)}</Text>
      {lines}
    </Box>
  );
}
