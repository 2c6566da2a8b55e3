/**
 * The workspace's reports, owned by the server: every file under the workspace folders that would
 * be recognised as a report (recognition.ts, with xxgk.detect) — `.xxgk`, `.txt`, saved web pages,
 * Word and PDF originals read with the io readers — is read from disk, checked and kept here, so that
 * its problems are LSP workspace diagnostics (pulled by `workspace/diagnostic`, or published to a
 * client that does not pull), re-read when the file changes on disk (file watcher), and handed over
 * to the open document's own diagnostics while it is open (its text wins over the disk).
 *
 * Across years: the reports (open documents' text, the others' disk content) are matched by issuing
 * body and year (report/crossYear.ts matchPrevious, as the CLI matches a folder) and each one gets
 * the cross-year diagnostics against the body's report of the year before, with that file as the
 * related location.
 *
 * In an original (web page, Word, PDF) a range of the converted text means nothing to the user: each
 * diagnostic's message starts with where to look as the reader gives it (网页第L行第C列, 表N 第r行第c列,
 * 第p页); a web page's diagnostics are also placed at that line and column of the file.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DocumentDiagnosticReportKind,
  type Diagnostic,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import { formatLocation, locate, rangeAt, type SourceDocument, type SourceKind } from '../io/document';
import { MAX_ORIGINAL_BYTES, isReportFile, loadReport, sourceKind, type LoadedReport } from '../io/load';
import { checkAcrossYears, matchPrevious, summarize, type YearSummary } from '../report/crossYear';
import { localize, type Locale } from '../report/messages';
import type { Range, ReportDiagnostic } from '../report/model';
import { DEFAULT_SEVERITY } from '../report/rules';
import type { TextAnalysis } from '../service/scheduler';
import type { Analysis } from './analysis';
import type { WorkspaceReport } from './protocol';
import { documentDiagnostics, toLspDiagnostic } from './diagnostics';
import { isReportName } from './recognition';
import type { XxgkSettings } from './settings';

export interface WorkspaceHost {
  /** Settings for a folder or file. */
  settings(uri: string): PromiseLike<XxgkSettings>;
  /** The documents open in the editor (as the server knows them). */
  openUris(): string[];
  /** The analysis of an open document's current text (null when not open or not analysed on the main thread). */
  openAnalysis(uri: string): Promise<Analysis | null>;
  /** Checks a text that is not open (the scheduler's policy for large texts). */
  analyzeClosed(key: string, text: string, settings: XxgkSettings): Promise<TextAnalysis | null | 'too-large'>;
  /** The files on disk changed what the workspace diagnostics are (`disk`), or only open documents did. */
  changed(cause: 'disk' | 'open'): void;
  log(message: string): void;
}

/** One report file on disk as last read. */
export interface WorkspaceFile {
  uri: string;
  kind: SourceKind;
  /** Bumped each time the file is read again (part of the result id). */
  generation: number;
  /** Its own problems, located for the user. */
  own: Diagnostic[];
  /** Its problems are listed while it is closed (xxgk.diagnosticMode workspace); it is matched across years either way. */
  listed: boolean;
  summary: YearSummary | null;
  doc?: SourceDocument;
  locale: Locale;
}

/** At most this many candidate files are read per workspace (a folder of reports has hundreds). */
export const MAX_WORKSPACE_FILES = 5000;
/** …and at most this many folders are looked into (a workspace opened on a home folder or a disk). */
export const MAX_WORKSPACE_FOLDERS = 20_000;
/** How many workspace reports send a file that is gone empty (see `gone`). */
const EMPTIED = 2;
/** A workspace pull with nothing new waits at most this long for a change before answering. */
export const HOLD_MS = 30_000;
/** Edits of open documents are told to the client (and other documents' cross-year problems published again) at most this often. */
export const OPEN_CHANGES_MS = 150;

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Where a range of an original's converted text is in the file: the range to show and the words to say. */
function placeIn(doc: SourceDocument | undefined, range: Range, locale: Locale): { range: Range; where?: string } {
  if (!doc) return { range };
  const loc = locate(doc, range);
  if (!loc) return { range: ZERO };
  // A text file read through its markup: the place in the file itself.
  if (loc.kind === 'text') return { range: rangeAt(loc, range) };
  const where = formatLocation(loc, locale);
  if (loc.kind !== 'html') return { range: ZERO, where };
  const at = { line: loc.line - 1, character: loc.column - 1 };
  return { range: { start: at, end: at }, where };
}

/** A diagnostic of `uri` with its range and its related ranges placed in the originals they are in. */
export function locateDiagnostic(
  d: Diagnostic,
  uri: string,
  docOf: (uri: string) => SourceDocument | undefined,
  locale: Locale,
): Diagnostic {
  const own = docOf(uri);
  const at = placeIn(own, d.range, locale);
  const text = typeof d.message === 'string' ? d.message : d.message.value;
  const message = at.where ? localize('workspace.at', { where: at.where, message: text }, locale) : d.message;
  const relatedInformation = d.relatedInformation?.map((r) => {
    const there = placeIn(docOf(r.location.uri), r.location.range, locale);
    return {
      location: { uri: r.location.uri, range: there.range },
      message: there.where ? localize('workspace.at', { where: there.where, message: r.message }, locale) : r.message,
    };
  });
  return { ...d, range: at.range, message, ...(relatedInformation ? { relatedInformation } : {}) };
}

interface Item {
  uri: string;
  summary: YearSummary | null;
  doc?: SourceDocument;
  locale: Locale;
}

interface Cross {
  id: string;
  previous: string | null;
  items: Diagnostic[];
}

const NO_CROSS: Cross = { id: '-', previous: null, items: [] };

export class WorkspaceReports {
  private folders: string[] = [];
  private readonly files = new Map<string, WorkspaceFile>();
  /** Per path: the stamp (mtime, size, settings) it was last read with, report or not. */
  private readonly stamps = new Map<string, string>();
  /**
   * URIs the client may still show problems for though none are due (deleted, no longer reports, or
   * an open document that is no listed file, just closed), with how many more workspace reports
   * send them empty: twice, since VS Code ignores a workspace report for a document whose own pull,
   * the last one after closing it, has not finished.
   */
  private readonly gone = new Map<string, number>();
  private queue: Promise<void> = Promise.resolve();
  private nextGeneration = 1;
  private readonly summaryIds = new WeakMap<YearSummary, number>();
  private readonly summaries = new WeakMap<Analysis, YearSummary>();
  private crossMemo: { key: string; value: Promise<Map<string, Cross>> } | null = null;
  private waiters: (() => void)[] = [];
  private pendingChange: 'disk' | 'open' | null = null;
  /** An edit of an open document is to be told (schedule()). */
  private openTold: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly host: WorkspaceHost) {}

  // ---- the files

  /** Sets the workspace folders (file: URIs) and reads them. */
  setFolders(uris: string[]): Promise<void> {
    this.folders = uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    for (const [uri] of this.files) if (!this.inFolders(fileURLToPath(uri))) this.drop(uri);
    return this.rescan();
  }

  /** Reads every candidate file of the folders again (those whose stamp changed), and forgets the ones that are gone. */
  rescan(): Promise<void> {
    return this.enqueue(async () => {
      const paths: string[] = [];
      const budget = { folders: MAX_WORKSPACE_FOLDERS };
      for (const folder of this.folders) await this.walk(folder, paths, budget);
      const seen = new Set(paths.map((p) => pathToFileURL(p).href));
      for (const [uri] of this.files) if (!seen.has(uri)) this.drop(uri);
      for (const path of paths) await this.read(path);
    });
  }

  /** Settings changed: every file is read again. */
  settingsChanged(): Promise<void> {
    this.stamps.clear();
    return this.rescan();
  }

  /** File events from the client's watcher (or a save): the files are read again or forgotten. */
  filesChanged(changes: { uri: string; deleted: boolean }[]): Promise<void> {
    return this.enqueue(async () => {
      for (const { uri, deleted } of changes) {
        if (!uri.startsWith('file:')) continue;
        const path = fileURLToPath(uri);
        if (!this.inFolders(path)) continue;
        if (deleted) {
          // A file, or a folder with files in it.
          for (const [u] of this.files) {
            const p = fileURLToPath(u);
            if (p === path || p.startsWith(path + sep)) this.drop(u);
          }
          continue;
        }
        if (isReportFile(path)) await this.read(path);
      }
    });
  }

  /** Resolves when every read asked for so far is done. */
  settled(): Promise<void> {
    return this.queue;
  }

  file(uri: string): WorkspaceFile | undefined {
    return this.files.get(uri);
  }

  private inFolders(path: string): boolean {
    return this.folders.some((f) => path === f || path.startsWith(f.endsWith(sep) ? f : f + sep));
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(work).catch((e) => this.host.log(`xxgk: workspace: ${(e as Error)?.stack ?? e}`));
    return this.queue;
  }

  /** Candidate files under a folder, as the CLI walks a folder: hidden folders and node_modules left out. */
  private async walk(dir: string, out: string[], budget: { folders: number }): Promise<void> {
    if (budget.folders-- <= 0) return;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (out.length >= MAX_WORKSPACE_FILES) return;
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const path = join(dir, e.name);
      if (e.isDirectory()) await this.walk(path, out, budget);
      else if (e.isFile() && isReportFile(e.name)) out.push(path);
    }
  }

  private drop(uri: string): void {
    if (!this.files.delete(uri)) return;
    this.stamps.delete(fileURLToPath(uri));
    this.gone.set(uri, EMPTIED);
    this.schedule('disk');
  }

  /** Reads and checks one file (when it changed since it was last read). */
  private async read(path: string): Promise<void> {
    const uri = pathToFileURL(path).href;
    const settings = await this.host.settings(this.folderUri(path));
    let size: number;
    let stampText: string;
    try {
      const s = await stat(path);
      if (!s.isFile()) return;
      size = s.size;
      stampText = `${s.mtimeMs}:${s.size}:${settings.detect}:${settings.diagnosticMode}:${settings.locale}:${settings.formatVersion}:${JSON.stringify(settings.severity)}:${settings.maxProblems}:${settings.hideExplained}`;
    } catch {
      if (this.files.has(uri)) this.drop(uri);
      return;
    }
    if (this.stamps.get(path) === stampText) return;
    this.stamps.set(path, stampText);
    const kind = sourceKind(path);
    const name = basename(path);
    // Without detection only the name makes a report: the others are not even read.
    if (!settings.detect && !isReportName(name, '', false)) return this.forget(uri);
    const locale = settings.locale;
    const listed = settings.diagnosticMode === 'workspace';
    const unreadable = (reason: string) => {
      // An original that cannot be read is listed when its name says it is a report (a scanned PDF, a broken .docx).
      if (kind === 'text' || !/政府信息公开|年度报告/.test(name)) return this.forget(uri);
      this.store({
        uri,
        kind,
        generation: this.nextGeneration++,
        own: [toLspDiagnostic(uri, unreadableDiagnostic(reason, locale))],
        listed,
        summary: null,
        locale,
      });
    };
    if (size > MAX_ORIGINAL_BYTES) return unreadable(localize('workspace.tooLarge', { mb: Math.round(size / 1048576) }, locale));
    let loaded: LoadedReport;
    try {
      loaded = await loadReport(path, locale, await readFile(path));
    } catch (e) {
      return unreadable((e as Error).message);
    }
    if (!isReportName(name, loaded.text, settings.detect)) return this.forget(uri);
    const analysis = await this.host.analyzeClosed(`workspace ${uri}`, loaded.text, settings);
    if (analysis === null) return; // superseded by a newer read of the same file
    const docOf = (u: string) => (u === uri ? loaded.doc : this.files.get(u)?.doc);
    const own =
      analysis === 'too-large'
        ? []
        : [
            ...loaded.diagnostics.map((d) => toLspDiagnostic(uri, d)),
            ...documentDiagnostics({ uri, version: 0, text: loaded.text, settings, ...analysis }),
          ].map((d) => locateDiagnostic(d, uri, docOf, locale));
    const summary = analysis === 'too-large' ? null : summarize(analysis.report, loaded.text);
    // Section 五's letters worked out now, so that the file's text is not kept with its summary.
    void summary?.section5?.text;
    this.store({
      uri,
      kind,
      generation: this.nextGeneration++,
      own,
      listed,
      summary,
      doc: loaded.doc,
      locale,
    });
  }

  private store(file: WorkspaceFile): void {
    this.files.set(file.uri, file);
    if (file.listed) this.gone.delete(file.uri);
    this.schedule('disk');
  }

  private forget(uri: string): void {
    if (this.files.has(uri)) this.drop(uri);
  }

  private folderUri(path: string): string {
    const folder = this.folders.filter((f) => path.startsWith(f)).sort((a, b) => b.length - a.length)[0];
    return pathToFileURL(folder ?? path).href;
  }

  // ---- changes

  /** An open document was opened or edited: what depends on it across years may change. */
  openChanged(): void {
    this.schedule('open');
  }

  /** An open document was closed: its problems are those of its file on disk if listed, else none. */
  closed(uri: string): void {
    if (!this.files.get(uri)?.listed && !uri.startsWith('untitled:')) this.gone.set(uri, EMPTIED);
    this.schedule('open');
  }

  /**
   * Changes are taken once per turn of the event loop, a disk change over an open one. A disk change
   * is told at once; edits of open documents at most once per OPEN_CHANGES_MS: while the user types,
   * the client (which redraws its view after a pause anyway) is not woken at every keystroke, and
   * the keystroke's own diagnostics go out alone.
   */
  private schedule(cause: 'disk' | 'open'): void {
    const first = this.pendingChange === null;
    if (this.pendingChange !== 'disk') this.pendingChange = cause;
    if (!first) return;
    setImmediate(() => {
      const what = this.pendingChange ?? 'open';
      this.pendingChange = null;
      this.crossMemo = null;
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w();
      if (what === 'disk') this.host.changed('disk');
      else
        this.openTold ??= setTimeout(() => {
          this.openTold = null;
          this.host.changed('open');
        }, OPEN_CHANGES_MS);
    });
  }

  // ---- across years

  private summaryOf(analysis: Analysis): YearSummary {
    let s = this.summaries.get(analysis);
    if (!s) {
      // (The text of a document kept as lines is joined only if its section 五 is compared.)
      s = summarize(analysis.report, () => analysis.text);
      this.summaries.set(analysis, s);
    }
    return s;
  }

  private idOf(summary: YearSummary | null): number {
    if (!summary) return 0;
    let id = this.summaryIds.get(summary);
    if (id === undefined) {
      id = this.nextGeneration++;
      this.summaryIds.set(summary, id);
    }
    return id;
  }

  /** Every report: open documents as they are in the editor, the other files as they are on disk. */
  private async items(): Promise<Item[]> {
    const open = this.host.openUris();
    const openSet = new Set(open);
    const items: Item[] = [];
    for (const f of this.files.values())
      if (!openSet.has(f.uri)) items.push({ uri: f.uri, summary: f.summary, doc: f.doc, locale: f.locale });
    for (const uri of open) {
      const analysis = await this.host.openAnalysis(uri);
      if (analysis) items.push({ uri, summary: this.summaryOf(analysis), locale: analysis.settings.locale });
    }
    return items;
  }

  /** The cross-year diagnostics of every report that has last year's report in the workspace. */
  private async crossYear(): Promise<Map<string, Cross>> {
    const items = await this.items();
    const key = items.map((i) => `${i.uri}\u0000${this.idOf(i.summary)}`).join('\u0001');
    if (this.crossMemo?.key === key) return this.crossMemo.value;
    const value = (async () => {
      const out = new Map<string, Cross>();
      const previous = matchPrevious(items.map((i) => i.summary));
      const docOf = (uri: string) => items.find((i) => i.uri === uri)?.doc;
      items.forEach((item, i) => {
        const p = previous[i];
        if (p === null) return;
        const prev = items[p];
        const ds: ReportDiagnostic[] = checkAcrossYears(item.summary!, prev.summary!, prev.uri, item.locale);
        out.set(item.uri, {
          id: `${this.idOf(item.summary)}~${this.idOf(prev.summary)}`,
          previous: prev.uri,
          items: ds.map((d) => locateDiagnostic(toLspDiagnostic(item.uri, d), item.uri, docOf, item.locale)),
        });
      });
      return out;
    })();
    this.crossMemo = { key, value };
    return value;
  }

  /** The cross-year diagnostics of one report (an open document's, for its pulled or published diagnostics). */
  async crossFor(uri: string): Promise<Cross> {
    return (await this.crossYear()).get(uri) ?? NO_CROSS;
  }

  // ---- diagnostics

  private resultIdOf(file: WorkspaceFile, cross: Cross): string {
    return `w${file.generation}|${cross.id}`;
  }

  /** The diagnostics of a file that is not open (its disk content), or null when it is not a report of the workspace. */
  async closedDiagnostics(uri: string): Promise<{ resultId: string; items: Diagnostic[] } | null> {
    await this.settled();
    const file = this.files.get(uri);
    if (!file?.listed) return null;
    const cross = await this.crossFor(uri);
    return { resultId: this.resultIdOf(file, cross), items: [...file.own, ...cross.items] };
  }

  /**
   * `workspace/diagnostic`: a report per file that is not open (open documents have their own,
   * pulled per document), unchanged where the client's result id is still right, empty once for a
   * file that is gone. When nothing changed since the client's last pull the answer waits (at most
   * HOLD_MS, or until cancelled) for a change, so that a client that pulls again at once does not poll.
   */
  async workspaceReport(previous: { uri: string; value: string }[], isCancelled: () => boolean): Promise<WorkspaceDiagnosticReport> {
    await this.settled();
    let report = await this.compute(previous);
    if (previous.length && report.items.every((i) => i.kind === DocumentDiagnosticReportKind.Unchanged) && !isCancelled()) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, HOLD_MS);
        const poll = setInterval(() => isCancelled() && done(), 250);
        this.waiters.push(done);
        function done() {
          clearTimeout(timer);
          clearInterval(poll);
          resolve();
        }
      });
      await this.settled();
      report = await this.compute(previous);
    }
    return report;
  }

  private async compute(previous: { uri: string; value: string }[]): Promise<WorkspaceDiagnosticReport> {
    const prev = new Map(previous.map((p) => [p.uri, p.value]));
    const open = new Set(this.host.openUris());
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    for (const file of this.files.values()) {
      if (open.has(file.uri) || !file.listed) continue;
      const cross = await this.crossFor(file.uri);
      const resultId = this.resultIdOf(file, cross);
      items.push(
        prev.get(file.uri) === resultId
          ? { kind: DocumentDiagnosticReportKind.Unchanged, uri: file.uri, resultId, version: null }
          : { kind: DocumentDiagnosticReportKind.Full, uri: file.uri, resultId, version: null, items: [...file.own, ...cross.items] },
      );
    }
    // Gone, or no longer listed (xxgk.diagnosticMode changed): emptied.
    for (const f of this.files.values())
      if (!f.listed && prev.has(f.uri) && !prev.get(f.uri)!.startsWith('gone')) this.gone.set(f.uri, EMPTIED);
    for (const [uri, left] of this.gone) {
      if (open.has(uri) || this.files.get(uri)?.listed) {
        this.gone.delete(uri);
        continue;
      }
      if (left > 0) {
        this.gone.set(uri, left - 1);
        items.push({ kind: DocumentDiagnosticReportKind.Full, uri, resultId: `gone${left}`, version: null, items: [] });
      } else if (prev.has(uri)) {
        items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, resultId: prev.get(uri)!, version: null });
      }
    }
    return { items };
  }

  /** For a client that does not pull: the diagnostics of every closed report that changed since `sent` (uri → result id) was noted. */
  async toPublish(sent: Map<string, string>): Promise<{ uri: string; diagnostics: Diagnostic[] }[]> {
    await this.settled();
    const open = new Set(this.host.openUris());
    const out: { uri: string; diagnostics: Diagnostic[] }[] = [];
    for (const uri of open) sent.delete(uri);
    for (const file of this.files.values()) {
      if (open.has(file.uri) || !file.listed) continue;
      const cross = await this.crossFor(file.uri);
      const id = this.resultIdOf(file, cross);
      if (sent.get(file.uri) === id) continue;
      sent.set(file.uri, id);
      out.push({ uri: file.uri, diagnostics: [...file.own, ...cross.items] });
    }
    for (const uri of [...sent.keys()]) {
      if (this.files.get(uri)?.listed) continue;
      sent.delete(uri);
      out.push({ uri, diagnostics: [] });
    }
    return out;
  }

  // ---- the bodies and years view

  /** Every report of the workspace with its problem counts and last year's report. */
  async reports(): Promise<WorkspaceReport[]> {
    await this.settled();
    const open = new Set(this.host.openUris());
    const out: WorkspaceReport[] = [];
    const crossAll = await this.crossYear();
    const add = (uri: string, kind: SourceKind, summary: YearSummary | null, own: Diagnostic[]) => {
      const cross = crossAll.get(uri) ?? NO_CROSS;
      const all = [...own, ...cross.items];
      out.push({
        uri,
        kind,
        body: summary?.body ?? null,
        bodyKey: summary?.bodyKey ?? null,
        year: summary?.year ?? null,
        format: summary?.format ?? null,
        open: open.has(uri),
        errors: all.filter((d) => d.severity === 1).length,
        warnings: all.filter((d) => d.severity === 2).length,
        others: all.filter((d) => d.severity !== 1 && d.severity !== 2).length,
        previous: cross.previous,
        crossYear: cross.items.length,
      });
    };
    for (const file of this.files.values()) if (!open.has(file.uri)) add(file.uri, file.kind, file.summary, file.own);
    for (const uri of open) {
      const analysis = await this.host.openAnalysis(uri);
      if (analysis) add(uri, 'text', this.summaryOf(analysis), documentDiagnostics(analysis));
    }
    return out;
  }
}

/** An original that could not be read, as a diagnostic at its start. */
function unreadableDiagnostic(reason: string, locale: Locale): ReportDiagnostic {
  return {
    code: 'file-unreadable',
    severity: DEFAULT_SEVERITY['file-unreadable'],
    message: localize('file-unreadable', { reason }, locale),
    range: ZERO,
    related: [],
  };
}
