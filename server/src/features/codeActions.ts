/**
 * Quick fixes read the `code` and `data` each diagnostic carries; `source.fixAll.xxgk` sets every
 * total it can to its computed sum, pass after pass, re-analysing the text in between.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import { SECTIONS, derive, parseReport, type Derivation, type Position } from '../report';
import type { Analysis } from './analysis';
import { cellEdit } from './cellEdit';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { applyEdits, splitLines } from './ranges';
import { findCell } from './reportIndex';
import type { LocaleSetting, XxgkSettings } from './settings';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.xxgk`;

const TITLES = {
  zh: {
    setTotal: (v: string) => `将合计改为计算值 ${v}`,
    insertSection: (h: string) => `插入缺少的一节：${h}`,
    insertRow: (r: string) => `插入缺少的行：${r}`,
    official: (o: string) => `改为规范表述：${o}`,
    zero: '填写 0',
    narrativeFigure: (v: string) => `按统计表改为 ${v}`,
    fixAll: '修正所有可修正的合计',
  },
  en: {
    setTotal: (v: string) => `Set the total to the computed sum ${v}`,
    insertSection: (h: string) => `Insert the missing section ${h}`,
    insertRow: (r: string) => `Insert the missing row ${r}`,
    official: (o: string) => `Use the official wording ${o}`,
    zero: 'Fill in 0',
    narrativeFigure: (v: string) => `Write the table's value ${v}`,
    fixAll: 'Fix every total that can be fixed',
  },
};

/** Anything with a cancellation flag (LSP's CancellationToken). */
export interface Cancellable {
  readonly isCancellationRequested: boolean;
}

export function codeActions(analysis: Analysis, params: CodeActionParams, token?: Cancellable): CodeAction[] {
  const uri = analysis.uri;
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const titles = TITLES[analysis.settings.locale];
  const lines = splitLines(analysis.text);
  const actions: CodeAction[] = [];
  const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);

  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of ours) {
      const fix = quickFix(analysis, lines, diagnostic, analysis.settings.locale);
      if (!fix) continue;
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.preferred,
        edit: { changes: { [uri]: fix.edits } },
      });
    }
  }
  const hasSums = ours.some((d) => String(d.code).startsWith('sum-'));
  if ((only && wants(FIX_ALL_KIND)) || (!only && hasSums)) {
    const edits = fixAllEdits(analysis.text, analysis.settings, token);
    if (edits.length) actions.push({ title: titles.fixAll, kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } });
  }
  return actions;
}

interface Fix {
  title: string;
  edits: TextEdit[];
  preferred: boolean;
}

function quickFix(analysis: Analysis, lines: string[], diagnostic: Diagnostic, locale: LocaleSetting): Fix | null {
  const titles = TITLES[locale];
  if (!inText(lines, diagnostic.range.start) || !inText(lines, diagnostic.range.end)) return null;
  const data = (diagnostic.data ?? {}) as Record<string, unknown>;
  const code = String(diagnostic.code);
  if (code.startsWith('sum-')) {
    const cell = findCell(analysis.report, String(data.row), String(data.col));
    const expected = data.expected;
    // A negative sum cannot be a count: writing it would only trade this error for cell-invalid.
    if (!cell || typeof expected !== 'string' || !/^\d+$/.test(expected)) return null;
    return { title: titles.setTotal(expected), edits: [cellEdit(lines, cell.range, expected)], preferred: true };
  }
  if (
    (code === 'section-missing' || code === 'row-missing') &&
    isPosition(data.insertAt) &&
    inText(lines, data.insertAt) &&
    typeof data.text === 'string'
  ) {
    const what =
      code === 'section-missing' ? (SECTIONS.find((s) => s.number === data.section)?.heading ?? String(data.section)) : String(data.row);
    const title = code === 'section-missing' ? titles.insertSection(what) : titles.insertRow(firstLabel(data.text) ?? what);
    return { title, edits: [{ range: { start: data.insertAt, end: data.insertAt }, newText: data.text }], preferred: true };
  }
  if ((code === 'label-variant' || code === 'section-heading') && data.replaceable === true && typeof data.official === 'string') {
    return { title: titles.official(data.official), edits: [{ range: diagnostic.range, newText: data.official }], preferred: true };
  }
  if (code === 'text-figure' && typeof data.replace === 'string') {
    // The table's value written into the sentence, only while the current analysis still finds this figure there.
    const same = analysis.diagnostics.some(
      (d) => d.code === code && d.data?.replace === data.replace && JSON.stringify(d.range) === JSON.stringify(diagnostic.range),
    );
    if (same)
      return { title: titles.narrativeFigure(data.replace), edits: [{ range: diagnostic.range, newText: data.replace }], preferred: true };
  }
  if (code === 'cell-blank') {
    const value = typeof data.replace === 'string' ? data.replace : '0';
    return { title: titles.zero, edits: [cellEdit(lines, diagnostic.range, value)], preferred: true };
  }
  return null;
}

function isPosition(p: unknown): p is Position {
  return !!p && typeof (p as Position).line === 'number' && typeof (p as Position).character === 'number';
}

/** Whether a position (from diagnostic data a client sent back, so possibly anything) lies in the text. */
function inText(lines: string[], p: Position): boolean {
  return (
    Number.isInteger(p.line) &&
    Number.isInteger(p.character) &&
    p.line >= 0 &&
    p.line < lines.length &&
    p.character >= 0 &&
    p.character <= lines[p.line].length
  );
}

function firstLabel(rowText: string): string | undefined {
  return rowText
    .split('|')
    .map((s) => s.trim())
    .find((s) => s !== '');
}

/** Rules fixed in this order each pass: row totals, then column totals, then the balance. */
const PHASES: Derivation['rule'][][] = [['sum-row', 'sum-review'], ['sum-results'], ['sum-balance']];

function failing(derivations: Derivation[]): number {
  return derivations.filter((d) => !d.holds).length;
}

/**
 * Sets every total it can to its computed sum and returns the fixed text. Each pass fixes the first
 * phase that has a fixable total, then the text is parsed again. A total whose rules disagree
 * (two rules asking different values of one cell in the same phase) or whose computed value is
 * negative is left alone; a cycle stops the passes at the state with the fewest failing totals.
 * Cancelled, it changes nothing.
 */
export function fixAllSums(text: string, settings: XxgkSettings, token?: Cancellable): string {
  const format = settings.formatVersion;
  const seen = new Set<string>([text]);
  let current = text;
  let best = { text, failing: Number.POSITIVE_INFINITY };
  for (let pass = 0; pass < 30; pass++) {
    if (token?.isCancellationRequested) return text;
    const report = parseReport(current, { format });
    const derivations = derive(report);
    const count = failing(derivations);
    if (count <= best.failing) best = { text: current, failing: count };
    const lines = splitLines(current);
    let edits: TextEdit[] = [];
    for (const phase of PHASES) {
      const wanted = new Map<string, { cell: Derivation['total']; values: Set<number> }>();
      for (const d of derivations) {
        if (d.holds || !phase.includes(d.rule) || d.expected < 0 || !Number.isInteger(d.expected)) continue;
        const key = `${d.total.rowKey}/${d.total.colKey}`;
        const entry = wanted.get(key) ?? { cell: d.total, values: new Set<number>() };
        entry.values.add(d.expected);
        wanted.set(key, entry);
      }
      edits = [...wanted.values()].filter((w) => w.values.size === 1).map((w) => cellEdit(lines, w.cell.range, String([...w.values][0])));
      if (edits.length) break;
    }
    if (!edits.length) break;
    const next = applyEdits(current, edits);
    if (seen.has(next)) break;
    seen.add(next);
    current = next;
  }
  const final = parseReport(current, { format });
  return failing(derive(final)) <= best.failing ? current : best.text;
}

/** The fix-all result as edits of the lines that changed (fixes never add or remove lines). */
export function fixAllEdits(text: string, settings: XxgkSettings, token?: Cancellable): TextEdit[] {
  const fixed = fixAllSums(text, settings, token);
  if (fixed === text) return [];
  const before = splitLines(text);
  const after = splitLines(fixed);
  if (before.length !== after.length) {
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: before.length - 1, character: before[before.length - 1].length } },
        newText: fixed,
      },
    ];
  }
  const edits: TextEdit[] = [];
  before.forEach((line, i) => {
    if (line !== after[i])
      edits.push({ range: { start: { line: i, character: 0 }, end: { line: i, character: line.length } }, newText: after[i] });
  });
  return edits;
}
