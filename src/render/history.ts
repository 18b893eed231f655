import type { PodTemplateSpec } from '../../backends/contract/types.js';

export interface HistoryEntry { revision: number; changeCause?: string }
export function renderHistoryTable(kindGroupName: string, _entries: HistoryEntry[]): string { return `${kindGroupName} \nNo rollout history found.\n`; }
export function renderRevisionTemplate(kindGroupName: string, revision: number, _template: PodTemplateSpec | undefined, _changeCause?: string): string {
  return `${kindGroupName} with revision #${revision}\n`;
}
export function renderPodTemplate(_template: PodTemplateSpec | undefined): string { return 'Pod Template:\n'; }
