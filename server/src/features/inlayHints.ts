/** Inlay hints: the computed value after a total that does not add up (off unless the setting turns it on). */
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver';
import type { Analysis } from './analysis';
import { derivationMarkdown } from './hover';
import { rangesOverlap } from '../report/ranges';

export function inlayHints(analysis: Analysis, range: Range): InlayHint[] {
  if (!analysis.settings.inlayHints.enabled) return [];
  const hints = new Map<string, InlayHint>();
  for (const d of analysis.derivations) {
    if (d.holds || !rangesOverlap(d.total.range, range)) continue;
    const key = `${d.total.rowKey}/${d.total.colKey}`;
    if (hints.has(key)) continue;
    hints.set(key, {
      position: d.total.range.end,
      label: `≠${d.expected}`,
      kind: InlayHintKind.Parameter,
      paddingLeft: true,
      tooltip: { kind: 'markdown', value: derivationMarkdown(analysis.report, d, analysis.settings.locale) },
    });
  }
  return [...hints.values()];
}
