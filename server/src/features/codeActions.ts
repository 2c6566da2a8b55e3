/**
 * Code actions. Every edit is computed from the CURRENT analysis of the current text, never from
 * the copy of a diagnostic the client sends back: the client's diagnostic is matched, by its code
 * and the keys its data carries (row and column keys, section number, official wording), to the
 * diagnostic of the current analysis, and the fix is built from what is there now. A diagnostic
 * that no longer matches gets no action.
 *
 * Each kind of fix is one provider (PROVIDERS): it states the cells it writes; the result is parsed
 * again and the fix is offered only when no other cell changed, no cell was lost and the fixed
 * diagnostic is gone. Bulk actions: fix-all (`source.fixAll.xxgk` for the totals, and a quick fix
 * for every fixable problem), and filling every blank cell with 0. Fix-all keeps a change only when
 * it strictly lowers the count of problems (errors first, then all), and repeats to a fixed point.
 *
 * Sums are fixed from the repair (report/repair.ts, the fewest cells whose change makes every sum of
 * the table hold): on a suspect or a broken sum the table's unique repair is the preferred fix,
 * equally small alternatives are offered unpreferred, and "set the total to its computed sum" stays,
 * unpreferred. Fix-all applies the unique repair of each table and never guesses between
 * alternatives.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import { FORMATS, SECTIONS, localize, writeSection, type Position, type Report, type ReportDiagnostic, type RuleCode } from '../report';
import { analyzeText, type Analysis } from './analysis';
import { changedCells, cellId, writeCell, cellsById, type CellKey } from '../report/cellWrite';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { applyEdits, comparePositions, splitLines } from '../report/ranges';
import { repairChoices } from './repairActions';
import type { LocaleSetting, XxgkSettings } from './settings';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.xxgk`;

/** Anything with a cancellation flag (LSP's CancellationToken). */
export interface Cancellable {
  readonly isCancellationRequested: boolean;
}

/** What a provider sees: the current analysis and the lines of its text. */
interface FixContext {
  analysis: Analysis;
  lines: string[];
  locale: LocaleSetting;
}

/** A fix of one current diagnostic: its title, its edits, and the cells it writes (id → new text). */
interface Fix {
  title: string;
  edits: TextEdit[];
  cells: Map<string, string>;
  /**
   * false: never the preferred fix (an alternative repair, or a total set to its own sum where the
   * repair says otherwise); true or absent: preferred when it does not make the report worse.
   */
  preferred?: boolean;
}

interface FixProvider {
  codes: readonly RuleCode[];
  fix(ctx: FixContext, diagnostic: ReportDiagnostic): Fix | null;
}

// ---- identity: which current diagnostic a client's diagnostic stands for

type Data = Record<string, unknown>;

function cellKeyOf(data: Data): CellKey | null {
  const table = data.table;
  if ((table !== 2 && table !== 3 && table !== 4) || typeof data.row !== 'string' || typeof data.col !== 'string') return null;
  return { table, row: data.row, col: data.col };
}

/** The facts that name a diagnostic's subject, as a string; null when the data names nothing. */
function identity(code: string, data: Data): string | null {
  if (code.startsWith('sum-'))
    return typeof data.row === 'string' && typeof data.col === 'string' ? `${code}|${data.row}|${data.col}` : null;
  switch (code) {
    case 'cell-suspect': {
      const key = cellKeyOf(data);
      return key ? `${code}|${cellId(key)}` : null;
    }
    case 'repair-ambiguous':
      return typeof data.table === 'number' ? `${code}|${data.table}|${String(data.row ?? '')}` : null;
    case 'cell-blank':
    case 'cell-invalid':
    case 'amount-unit': {
      const key = cellKeyOf(data);
      return key ? `${code}|${cellId(key)}` : null;
    }
    case 'label-variant':
      return typeof data.official === 'string' ? `${code}|${data.official}` : null;
    case 'section-heading':
    case 'section-missing':
    case 'section-empty':
    case 'section-order':
      return typeof data.section === 'number' ? `${code}|${data.section}|${data.duplicate === true}` : null;
    case 'text-figure':
      return typeof data.kind === 'string' ? `${code}|${data.kind}` : null;
    case 'row-missing':
      if (typeof data.row === 'string') return `${code}|row|${data.row}`;
      return typeof data.section === 'number' ? `${code}|section|${data.section}` : null;
    default:
      return null;
  }
}

const identityOf = (d: ReportDiagnostic) => identity(d.code, d.data ?? {});

/** The current analysis's diagnostic the client's diagnostic stands for (the same subject), or null. */
function currentDiagnostic(analysis: Analysis, diagnostic: Diagnostic): ReportDiagnostic | null {
  const id = identity(String(diagnostic.code), (diagnostic.data ?? {}) as Data);
  if (id === null) return null;
  const candidates = analysis.diagnostics.filter((d) => identityOf(d) === id);
  const start = diagnostic.range?.start;
  return (start && candidates.find((d) => comparePositions(d.range.start, start) === 0)) || candidates[0] || null;
}

// ---- the providers: one per kind of fix

/** A fix writing one value into one cell. */
function cellFix(ctx: FixContext, key: CellKey, value: string, title: string): Fix | null {
  const write = writeCell(ctx.lines, ctx.analysis.report, key, value);
  return write.ok ? { title, edits: [write.change], cells: new Map([[cellId(key), value]]) } : null;
}

const setTotal: FixProvider = {
  codes: ['sum-row', 'sum-results', 'sum-balance', 'sum-review'],
  fix(ctx, d) {
    const key = cellKeyOf(d.data ?? {});
    // A negative sum cannot be a count: writing it would only trade this error for cell-invalid.
    if (!key || typeof d.expected !== 'string' || !/^\d+$/.test(d.expected)) return null;
    return cellFix(ctx, key, d.expected, localize('action.setTotal', { value: d.expected }, ctx.locale));
  },
};

const fillZero: FixProvider = {
  codes: ['cell-blank'],
  fix(ctx, d) {
    const key = cellKeyOf(d.data ?? {});
    return key ? cellFix(ctx, key, '0', localize('action.zero', {}, ctx.locale)) : null;
  },
};

const officialWording: FixProvider = {
  codes: ['label-variant', 'section-heading'],
  fix(ctx, d) {
    const data = d.data ?? {};
    if (data.replaceable !== true || typeof data.official !== 'string') return null;
    return {
      title: localize('action.official', { official: data.official }, ctx.locale),
      edits: [{ range: d.range, newText: data.official }],
      cells: new Map(),
    };
  },
};

const insertSection: FixProvider = {
  codes: ['section-missing'],
  fix(ctx, d) {
    const spec = SECTIONS.find((s) => s.number === d.data?.section);
    if (!spec) return null;
    const { report } = ctx.analysis;
    const eol = report.eol;
    const text = writeSection(spec.number, formatOf(report), eol);
    // Before the next section that is there, or at the end.
    const next = report.sections.find((s) => !s.duplicate && s.number > spec.number);
    let at: Position;
    let newText: string;
    if (next) {
      at = { line: next.headingLineRange.start.line, character: 0 };
      newText = text + eol + eol;
    } else {
      const last = report.lineLengths.length - 1;
      at = { line: last, character: report.lineLengths[last] };
      newText = (report.lineLengths[last] > 0 ? eol : '') + eol + text + eol;
    }
    return {
      title: localize('action.insertSection', { heading: spec.heading }, ctx.locale),
      edits: [{ range: { start: at, end: at }, newText }],
      cells: new Map(),
    };
  },
};

const insertTable: FixProvider = {
  codes: ['row-missing'],
  fix(ctx, d) {
    const { report } = ctx.analysis;
    const number = d.data?.section;
    const section = report.sections.find((s) => !s.duplicate && s.number === number);
    if (typeof d.data?.row === 'string' || !section || section.kind === 'narrative') return null;
    const eol = report.eol;
    const line = section.heading.range.end.line;
    const at = { line, character: report.lineLengths[line] };
    const table = writeSection(section.number, formatOf(report), eol).split(eol).slice(1).join(eol);
    return {
      title: localize('action.insertTable', { heading: SECTIONS[section.number - 1].heading }, ctx.locale),
      edits: [{ range: { start: at, end: at }, newText: eol + table }],
      cells: new Map(),
    };
  },
};

const insertRow: FixProvider = {
  codes: ['row-missing'],
  fix(ctx, d) {
    const data = d.data ?? {};
    // Where and what to insert: the parser's reading of the row's layout in the current text.
    if (typeof data.row !== 'string' || !isPosition(data.insertAt) || typeof data.text !== 'string') return null;
    return {
      title: localize('action.insertRow', { label: rowLabel(ctx.analysis.report, data.row) }, ctx.locale),
      edits: [{ range: { start: data.insertAt, end: data.insertAt }, newText: data.text }],
      cells: new Map(),
    };
  },
};

/** A narrative figure that differs from its table: the table's value over exactly the number, in the text's numeral style. */
const narrativeFigure: FixProvider = {
  codes: ['text-figure'],
  fix(ctx, d) {
    const value = d.data?.replace;
    if (typeof value !== 'string' || d.range.start.line !== d.range.end.line) return null;
    return {
      title: localize('action.narrativeFigure', { value }, ctx.locale),
      edits: [{ range: d.range, newText: value }],
      cells: new Map(),
    };
  },
};

/** Every fix kind, in the order its actions are listed. */
const PROVIDERS: FixProvider[] = [setTotal, fillZero, officialWording, insertSection, insertTable, insertRow, narrativeFigure];

const FIXABLE = new Set<string>(PROVIDERS.flatMap((p) => p.codes));

/** Diagnostics whose preferred fix is the repair of their table. */
const REPAIRABLE = new Set<string>(['cell-suspect', 'repair-ambiguous', 'sum-row', 'sum-results', 'sum-balance', 'sum-review']);

/** The repair's fixes of a diagnostic: the unique repair (preferred), or each alternative (not preferred). */
function repairFixesOf(ctx: FixContext, d: ReportDiagnostic): Fix[] {
  const fixes: Fix[] = [];
  for (const choice of repairChoices(ctx.analysis, d.code, d.data ?? {})) {
    const edits: TextEdit[] = [];
    const cells = new Map<string, string>();
    for (const change of choice.changes) {
      const key: CellKey = { table: change.table, row: change.cell.rowKey, col: change.cell.colKey };
      const write = writeCell(ctx.lines, ctx.analysis.report, key, String(change.value));
      if (!write.ok) break;
      edits.push(write.change);
      cells.set(cellId(key), String(change.value));
    }
    // A repair that cannot be written in full is not offered (half a repair breaks other sums).
    if (edits.length === choice.changes.length && edits.length && !overlapping(edits))
      fixes.push({
        title: localize(
          choice.unique ? 'action.repair' : 'action.repairAlternative',
          { n: choice.n, what: choice.describe(ctx.locale) },
          ctx.locale,
        ),
        edits,
        cells,
        preferred: choice.unique,
      });
  }
  return fixes;
}

const sameCells = (a: Fix, b: Fix) => a.cells.size === b.cells.size && [...a.cells].every(([id, v]) => b.cells.get(id) === v);

function fixesOf(ctx: FixContext, d: ReportDiagnostic): Fix[] {
  const own = PROVIDERS.filter((p) => p.codes.includes(d.code))
    .map((p) => p.fix(ctx, d))
    .filter((f): f is Fix => f !== null);
  if (!REPAIRABLE.has(d.code)) return own;
  const repairs = repairFixesOf(ctx, d);
  if (!repairs.length) return own;
  // When the repair is the total's own fix, that fix is the repair; otherwise "set the total to its
  // computed sum" stays, not preferred.
  const unique = repairs.find((r) => r.preferred);
  if (unique && own.some((f) => sameCells(f, unique))) return own;
  return [...repairs, ...own.map((f) => ({ ...f, preferred: false }))];
}

// ---- checking a change by reading its result

interface Score {
  errors: number;
  all: number;
}

const scoreOf = (a: Analysis): Score => ({ errors: a.diagnostics.filter((d) => d.severity === 'error').length, all: a.diagnostics.length });
const better = (a: Score, b: Score) => a.errors < b.errors || (a.errors === b.errors && a.all < b.all);

function analysisOfText(like: Analysis, text: string): Analysis {
  return { uri: like.uri, version: like.version, text, settings: like.settings, ...analyzeText(text, like.settings) };
}

/**
 * The analysis of the text with the edits applied, when they changed exactly the cells named (to
 * the values named) and lost none; null otherwise.
 */
function applyChecked(analysis: Analysis, edits: TextEdit[], cells: Map<string, string>): Analysis | null {
  const next = analysisOfText(analysis, applyEdits(analysis.text, edits));
  const { changed, lost } = changedCells(analysis.report, next.report);
  if (lost.length) return null;
  for (const [id, raw] of changed) if (cells.get(id) !== raw) return null;
  for (const id of cells.keys()) if (!changed.has(id)) return null;
  return next;
}

// ---- the request

const BULK = 'xxgk.bulk';

/** Whether an action is one of the bulk actions (fix-all, fill blanks) rather than the fix of one diagnostic. */
export function isBulkAction(action: CodeAction): boolean {
  return (action.data as { [BULK]?: boolean } | undefined)?.[BULK] === true;
}

/** Memoised per analysis: the bulk edits are the same for every request on the same content. */
const bulkCache = new WeakMap<Analysis, Map<string, TextEdit[]>>();

function bulk(analysis: Analysis, name: string, compute: () => TextEdit[]): TextEdit[] {
  let entry = bulkCache.get(analysis);
  if (!entry) bulkCache.set(analysis, (entry = new Map()));
  let edits = entry.get(name);
  if (!edits) entry.set(name, (edits = compute()));
  return edits;
}

export interface CodeActionOptions {
  /**
   * The client resolves code actions (codeAction/resolve with `edit`): bulk actions are then listed
   * without their edits, which `resolveCodeAction` computes when one is chosen — fix-all analyses
   * the text once per candidate change, too much to do on every cursor move in a large report.
   */
  lazyBulk?: boolean;
}

type BulkName = 'all' | 'blanks' | 'sums';

function bulkEdits(analysis: Analysis, name: BulkName, token?: Cancellable): TextEdit[] {
  return bulk(analysis, name, () => {
    if (name === 'blanks') return fillBlanks({ analysis, lines: splitLines(analysis.text), locale: analysis.settings.locale });
    return diffEdits(analysis.text, fixAll(analysis, name === 'all' ? ALL_PHASES : SUM_PHASES, token));
  });
}

/** A bulk action listed without its edit, completed from the current analysis. */
export function resolveCodeAction(analysis: Analysis, action: CodeAction, token?: Cancellable): CodeAction {
  const data = (action.data ?? {}) as { [BULK]?: boolean; name?: BulkName };
  if (data[BULK] !== true || !data.name || !['all', 'blanks', 'sums'].includes(data.name)) return action;
  const edits = bulkEdits(analysis, data.name, token);
  return { ...action, edit: { changes: { [analysis.uri]: edits } } };
}

export function codeActions(
  analysis: Analysis,
  params: CodeActionParams,
  token?: Cancellable,
  options: CodeActionOptions = {},
): CodeAction[] {
  const uri = analysis.uri;
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const locale = analysis.settings.locale;
  const ctx: FixContext = { analysis, lines: splitLines(analysis.text), locale };
  const actions: CodeAction[] = [];
  const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
  const before = scoreOf(analysis);

  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of ours) {
      if (token?.isCancellationRequested) return [];
      const current = currentDiagnostic(analysis, diagnostic);
      if (!current) continue;
      for (const fix of fixesOf(ctx, current)) {
        const next = applyChecked(analysis, fix.edits, fix.cells);
        // Offered only when it does what it says: the problem it fixes is gone.
        if (!next || next.diagnostics.some((d) => identityOf(d) === identityOf(current))) continue;
        actions.push({
          title: oneLine(fix.title),
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: (fix.preferred !== false && !better(before, scoreOf(next))) || undefined,
          edit: { changes: { [uri]: fix.edits } },
          // The cells the fix writes (table:row:column → text), for clients and tests that check it.
          data: { cells: Object.fromEntries(fix.cells) },
        });
      }
    }
    const fixable = ours.filter((d) => FIXABLE.has(String(d.code)));
    // Listed lazily only where a fix of one of these diagnostics was offered (so fix-all has one to make).
    const offered = actions.length > 0;
    if (fixable.length) {
      const edits = options.lazyBulk ? (offered ? null : []) : bulkEdits(analysis, 'all', token);
      if (!edits || edits.length)
        actions.push(bulkAction(localize('action.fixAll', {}, locale), CodeActionKind.QuickFix, uri, 'all', edits, fixable));
    }
    const blanks = ours.filter((d) => d.code === 'cell-blank');
    if (blanks.length) {
      const edits = options.lazyBulk ? null : bulkEdits(analysis, 'blanks', token);
      if (!edits || edits.length)
        actions.push(bulkAction(localize('action.fillBlanks', {}, locale), CodeActionKind.QuickFix, uri, 'blanks', edits, blanks));
    }
  }
  const hasSums = ours.some((d) => String(d.code).startsWith('sum-'));
  if ((only && wants(FIX_ALL_KIND)) || (!only && hasSums)) {
    const edits = options.lazyBulk ? null : bulkEdits(analysis, 'sums', token);
    if (!edits || edits.length) actions.push(bulkAction(localize('action.fixSums', {}, locale), FIX_ALL_KIND, uri, 'sums', edits));
  }
  return actions;
}

function bulkAction(
  title: string,
  kind: string,
  uri: string,
  name: BulkName,
  edits: TextEdit[] | null,
  diagnostics?: Diagnostic[],
): CodeAction {
  return {
    title,
    kind,
    ...(diagnostics ? { diagnostics } : {}),
    ...(edits ? { edit: { changes: { [uri]: edits } } } : {}),
    data: { [BULK]: true, name, uri },
  };
}

/** Every blank cell set to 0, when that changes those cells and no other. */
function fillBlanks(ctx: FixContext): TextEdit[] {
  const edits: TextEdit[] = [];
  const cells = new Map<string, string>();
  for (const [id, cell] of cellsById(ctx.analysis.report)) {
    if (cell.value.kind !== 'blank') continue;
    const [table, row, col] = id.split(':');
    const write = writeCell(ctx.lines, ctx.analysis.report, { table: Number(table) as CellKey['table'], row, col }, '0');
    if (!write.ok) continue;
    edits.push(write.change);
    cells.set(id, '0');
  }
  if (!edits.length || overlapping(edits)) return [];
  return applyChecked(ctx.analysis, edits, cells) ? edits : [];
}

// ---- fix-all

type Phase = readonly RuleCode[];
/**
 * Totals: the repair of each table first (its suspects), then what is left — row totals, then column
 * totals, then the balance (each depends on the ones before).
 */
const SUM_PHASES: Phase[] = [['cell-suspect'], ['sum-row', 'sum-review'], ['sum-results'], ['sum-balance']];
const ALL_PHASES: Phase[] = [...SUM_PHASES, ['cell-blank'], ['label-variant', 'section-heading'], ['row-missing'], ['section-missing']];

/** Analyses one fix-all may run (each candidate change is checked by analysing its result). */
const FIX_ALL_BUDGET = 60;
/** When a phase's fixes together do not help, this many of them are tried one by one. */
const SINGLES = 8;

/**
 * What a pass tries, in order: all of a phase's fixes together; when that does not help, halves,
 * quarters … (so that a large helpful part is still taken in one step, e.g. 150 blank cells of which
 * a few cannot go together), then the first few one by one.
 */
function candidatesOf(fixes: Fix[]): Fix[] {
  const out = [combine(fixes)];
  if (fixes.length === 1) return out;
  for (let size = Math.ceil(fixes.length / 2); size > 1; size = Math.ceil(size / 2)) {
    out.push(combine(fixes.slice(0, size)), combine(fixes.slice(size, 2 * size)));
  }
  return [...out, ...fixes.slice(0, SINGLES)];
}

function overlapping(edits: TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => comparePositions(a.range.start, b.range.start));
  for (let i = 1; i < sorted.length; i++) if (comparePositions(sorted[i].range.start, sorted[i - 1].range.end) <= 0) return true;
  return false;
}

/** The fixes of a phase that can go together: one per cell (none where two ask different values), edits apart. */
function combine(fixes: Fix[]): Fix {
  const byCell = new Map<string, Set<string>>();
  for (const f of fixes) for (const [id, v] of f.cells) byCell.set(id, (byCell.get(id) ?? new Set()).add(v));
  const taken: Fix[] = [];
  const seenCells = new Set<string>();
  for (const f of fixes) {
    if ([...f.cells.keys()].some((id) => byCell.get(id)!.size > 1 || seenCells.has(id))) continue;
    if (overlapping([...taken.flatMap((t) => t.edits), ...f.edits])) continue;
    for (const id of f.cells.keys()) seenCells.add(id);
    taken.push(f);
  }
  return { title: '', edits: taken.flatMap((t) => t.edits), cells: new Map(taken.flatMap((t) => [...t.cells])) };
}

/**
 * Applies the fixes of the phases, pass after pass: each pass takes the first phase whose fixes
 * (together, else one by one) strictly lower the count of problems and change only the cells they
 * name; it stops at a fixed point (no fix helps), or when the budget of analyses is spent.
 * Returns the fixed text (the text itself when nothing helps, or when cancelled).
 */
function fixAll(start: Analysis, phases: Phase[], token?: Cancellable): string {
  let current = start;
  let spent = 0;
  for (;;) {
    if (token?.isCancellationRequested) return start.text;
    const ctx: FixContext = { analysis: current, lines: splitLines(current.text), locale: current.settings.locale };
    const score = scoreOf(current);
    let next: Analysis | null = null;
    for (const phase of phases) {
      // The first fix each diagnostic would prefer: never a guess between equally small repairs.
      const fixes = current.diagnostics
        .filter((d) => phase.includes(d.code))
        .flatMap((d) =>
          fixesOf(ctx, d)
            .filter((f) => f.preferred !== false)
            .slice(0, 1),
        );
      if (!fixes.length) continue;
      const tries = candidatesOf(fixes).filter((f) => f.edits.length);
      for (const f of tries) {
        if (spent++ >= FIX_ALL_BUDGET) return current.text;
        const candidate = applyChecked(current, f.edits, f.cells);
        if (candidate && better(scoreOf(candidate), score)) {
          next = candidate;
          break;
        }
      }
      if (next) break;
    }
    if (!next) return current.text;
    current = next;
  }
}

/** Sets every total it can to its computed sum (see fixAll) and returns the fixed text. */
export function fixAllSums(text: string, settings: XxgkSettings, token?: Cancellable): string {
  const analysis: Analysis = { uri: '', version: 0, text, settings, ...analyzeText(text, settings) };
  return fixAll(analysis, SUM_PHASES, token);
}

/** Every fix fix-all can make (totals, blanks, wording, missing rows and sections); the fixed text. */
export function fixAllProblems(text: string, settings: XxgkSettings, token?: Cancellable): string {
  const analysis: Analysis = { uri: '', version: 0, text, settings, ...analyzeText(text, settings) };
  return fixAll(analysis, ALL_PHASES, token);
}

/** Edits turning `text` into `fixed`: each changed line on its own, or one block where lines were added. */
function diffEdits(text: string, fixed: string): TextEdit[] {
  if (fixed === text) return [];
  const before = splitLines(text);
  const after = splitLines(fixed);
  const lineRange = (a: number, b: number) => ({
    start: { line: a, character: 0 },
    end: { line: b, character: before[b].length },
  });
  if (before.length === after.length) {
    const edits: TextEdit[] = [];
    before.forEach((line, i) => {
      if (line !== after[i]) edits.push({ range: lineRange(i, i), newText: after[i] });
    });
    return edits;
  }
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail])
    tail++;
  const eol = /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
  const lastBefore = before.length - 1 - tail;
  const middle = after.slice(head, after.length - tail);
  if (lastBefore < head) {
    // Only lines added: insert them before line `head` (or after the last line).
    const at =
      head < before.length ? { line: head, character: 0 } : { line: before.length - 1, character: before[before.length - 1].length };
    const newText = head < before.length ? middle.join(eol) + eol : eol + middle.join(eol);
    return [{ range: { start: at, end: at }, newText }];
  }
  if (!middle.length) return [{ range: lineRange(0, before.length - 1), newText: fixed }]; // lines removed: not a fix-all result
  return [{ range: lineRange(head, lastBefore), newText: middle.join(eol) }];
}

// ---- small helpers

function isPosition(p: unknown): p is Position {
  return (
    !!p &&
    Number.isInteger((p as Position).line) &&
    Number.isInteger((p as Position).character) &&
    (p as Position).line >= 0 &&
    (p as Position).character >= 0
  );
}

const oneLine = (s: string) => s.replace(/\s*[\r\n]+\s*/g, ' ').trim();

function formatOf(report: Report) {
  return report.format ?? '2021';
}

/** The official label of a row key (table 二, 三 or 四), for titles. */
function rowLabel(report: Report, key: string): string {
  const spec = FORMATS[formatOf(report)];
  return (
    spec.table3.rows.find((r) => r.key === key)?.label ??
    spec.table4.groups.find((g) => g.key === key)?.label ??
    spec.table2.flatMap((t) => t.rows).find((r) => r.key === key)?.label ??
    key
  );
}
