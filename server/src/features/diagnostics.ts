/** Engine diagnostics as LSP diagnostics: rule code, source, related locations, capped. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { mostSevere, type Range, type ReportDiagnostic, type Severity } from '../report';
import type { Analysis } from './analysis';

export const DIAGNOSTIC_SOURCE = 'xxgk';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(uri: string, d: ReportDiagnostic): Diagnostic {
  const data: Record<string, unknown> = { ...(d.data ?? {}) };
  if (d.expected !== undefined) data.expected = d.expected;
  if (d.actual !== undefined) data.actual = d.actual;
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    source: DIAGNOSTIC_SOURCE,
    code: d.code,
    message: d.message,
    relatedInformation: related(uri, d),
    data,
  };
}

/**
 * The analysis's problems, the most severe `maxProblems` of them, in document order. With a memo
 * (one per document), a problem that is what it was in the last call is the same frozen object as
 * then, so that the transport need not serialise it again (service/frames.ts).
 */
export function documentDiagnostics(analysis: Analysis, memo?: DiagnosticMemo): Diagnostic[] {
  const shown = mostSevere(analysis.diagnostics, analysis.settings.maxProblems);
  return memo ? memo.lsp(analysis.uri, shown) : shown.map((d) => toLspDiagnostic(analysis.uri, d));
}

/**
 * The LSP diagnostics last made for one document, each with the engine diagnostic it was made
 * from: a new engine diagnostic equal to a kept one (every field toLspDiagnostic reads) gets the
 * kept LSP diagnostic. Both lists are in document order and an edit changes a few diagnostics, so
 * each new one is looked for at the kept list's next place and a few places after it (what an
 * edit removed). It holds one call's worth.
 */
export class DiagnosticMemo {
  private last: { uri: string; from: ReportDiagnostic[]; lsp: Diagnostic[] } = { uri: '', from: [], lsp: [] };

  lsp(uri: string, diagnostics: readonly ReportDiagnostic[]): Diagnostic[] {
    const kept = this.last.uri === uri ? this.last : { from: [], lsp: [] };
    const out = new Array<Diagnostic>(diagnostics.length);
    let j = 0;
    for (let i = 0; i < diagnostics.length; i++) {
      const d = diagnostics[i];
      const end = Math.min(kept.from.length, j + LOOK_AHEAD);
      let k = j;
      while (k < end && !sameDiagnostic(kept.from[k], d)) k++;
      if (k < end) {
        out[i] = kept.lsp[k];
        j = k + 1;
      } else out[i] = frozenCopy(toLspDiagnostic(uri, d));
    }
    this.last = { uri, from: diagnostics.slice(), lsp: out };
    return out;
  }
}

/** How many kept diagnostics an edit may have removed at one place and the memo still find the ones after them. */
const LOOK_AHEAD = 8;

/** Whether two engine diagnostics give the same LSP diagnostic (toLspDiagnostic reads these fields). */
function sameDiagnostic(a: ReportDiagnostic, b: ReportDiagnostic): boolean {
  if (a.code !== b.code || a.severity !== b.severity || a.message !== b.message || a.expected !== b.expected || a.actual !== b.actual)
    return false;
  if (!sameRange(a.range, b.range) || a.related.length !== b.related.length) return false;
  for (let i = 0; i < a.related.length; i++) {
    const x = a.related[i];
    const y = b.related[i];
    if (x.message !== y.message || x.uri !== y.uri || !sameRange(x.range, y.range)) return false;
  }
  return sameData(a.data ?? {}, b.data ?? {});
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** Whether two values are the same data (what JSON writes of them, key order aside). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  let n = 0;
  for (const k of keys) {
    if (x[k] === undefined) continue;
    n++;
    if (!sameData(x[k], y[k])) return false;
  }
  for (const k of Object.keys(y)) if (y[k] !== undefined) n--;
  return n === 0;
}

/** A copy of plain data, frozen all through (the engine's objects stay as they are). */
function frozenCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) (copy as Record<string, unknown>)[k] = frozenCopy(v);
  return Object.freeze(copy) as T;
}

const SUMS = new Set(['sum-row', 'sum-results', 'sum-balance', 'sum-review']);

/**
 * Related locations, short: a sum's addends (6 to 21 of them) are one entry — where they are and
 * their values in a line — since the hover and the preview show the derivation; VS Code prints
 * every entry with the file name, in the hover and again in the Problems panel.
 */
function related(uri: string, d: ReportDiagnostic): Diagnostic['relatedInformation'] {
  if (!d.related.length) return undefined;
  if (!SUMS.has(d.code) || d.related.length === 1)
    return d.related.map((r) => ({ location: { uri: r.uri ?? uri, range: r.range }, message: r.message }));
  const first = d.related[0].range;
  const last = d.related[d.related.length - 1].range;
  const range = first.start.line === last.end.line ? { start: first.start, end: last.end } : first;
  // messages read "加数：label = 4" / "减数：label = 1": the value after "=", added or subtracted by the word before the colon
  const headOf = (message: string) => /^[^：:]*[：:]\s*/.exec(message)?.[0] ?? '';
  const head = headOf(d.related[0].message);
  const terms = d.related.map((r, i) => {
    const value = /=\s*(\S+)\s*$/.exec(r.message)?.[1] ?? '?';
    return i === 0 ? value : `${headOf(r.message) === head ? ' + ' : ' − '}${value}`;
  });
  return [{ location: { uri, range }, message: `${head}${terms.join('')}` }];
}
