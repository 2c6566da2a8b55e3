/**
 * When documents are analysed: the scheduling policy the language server follows, apart from LSP.
 * - Documents under xxgk.maxFileSizeMB are analysed on the main thread as they change (pushed
 *   diagnostics: coalesced per document, debounced above DEBOUNCE_FROM characters, never sent for a
 *   stale version).
 * - Larger ones are analysed in a worker thread (BackgroundAnalyzer) when opened or saved, never on
 *   the main thread, and the user is told once; above HARD_LIMIT_MB they are not analysed at all.
 * The host gives the documents, the settings and the ways to reach the client.
 */
import { BackgroundAnalyzer, HARD_LIMIT_MB, isLarge } from '../features/background';
import { analyzeText, type Analysis } from '../features/analysis';
import type { XxgkSettings } from '../features/settings';
import { localize } from '../report';
import type { LanguageService, ServiceDocument } from './languageService';

/** A document's length, without joining the text of one kept as lines. */
const lengthOf = (document: ServiceDocument): number => document.source?.length ?? document.getText().length;
/** What stands for a document's content: its lines (the same object until it changes) or its text. */
const contentOf = (document: ServiceDocument): unknown => document.source ?? document.getText();

/** Above this many characters (under the size limit, so still checked as you type) a burst of edits is checked once, after a pause. */
export const DEBOUNCE_FROM = 256 * 1024;
export const DEBOUNCE_MS = 150;

export interface SchedulerHost {
  document(uri: string): ServiceDocument | undefined;
  settings(uri: string): PromiseLike<XxgkSettings>;
  /** Whether the client pulls diagnostics (then `refresh` asks it to pull again) or has them pushed (`publish`). */
  readonly pull: boolean;
  publish(uri: string, version: number | undefined, analysis: Analysis | null): void;
  refresh(): void;
  notify(type: 'info' | 'warning', message: string): void;
  log(message: string): void;
}

/** Analysis results without the document they came from (what the engine gives for a text). */
export type TextAnalysis = Omit<Analysis, 'uri' | 'version' | 'text' | 'settings'>;

export class Scheduler {
  readonly background = new BackgroundAnalyzer();
  /** Large documents the user has been told about (once each per session). */
  private readonly toldLarge = new Set<string>();
  /** Per document: the version and length last measured and whether it was over the limit. */
  private readonly sizeOf = new Map<string, { version: number; length: number; limit: number; large: boolean }>();
  private readonly pending = new Map<string, { cancel: () => void }>();

  constructor(
    private readonly host: SchedulerHost,
    private readonly service: LanguageService,
  ) {}

  /** For the language service: only documents under the size limit are analysed on the main thread. */
  readonly analyzeInline = (document: ServiceDocument, settings: XxgkSettings): boolean => !this.isLarge(document, settings);

  isLarge(document: ServiceDocument, settings: XxgkSettings): boolean {
    const known = this.sizeOf.get(document.uri);
    const length = lengthOf(document);
    if (known && known.version === document.version && known.length === length && known.limit === settings.maxFileSizeMB)
      return known.large;
    const large = isLarge(length, () => document.getText(), settings.maxFileSizeMB);
    this.sizeOf.set(document.uri, { version: document.version, length, limit: settings.maxFileSizeMB, large });
    return large;
  }

  // ---- document events

  /** On open (and after a settings change) a large document is checked in the background; otherwise diagnostics follow every change. */
  async opened(uri: string): Promise<void> {
    const settings = await this.host.settings(uri);
    const document = this.host.document(uri);
    if (!document) return;
    if (this.isLarge(document, settings)) {
      if (!this.hadBackground.has(uri)) this.service.forget(uri);
      void this.checkInBackground(uri);
    } else {
      this.hadBackground.delete(uri);
      this.schedulePublish(uri);
    }
  }

  async saved(uri: string): Promise<void> {
    const settings = await this.host.settings(uri);
    const document = this.host.document(uri);
    if (document && this.isLarge(document, settings)) void this.checkInBackground(uri);
  }

  async changed(uri: string): Promise<void> {
    const settings = await this.host.settings(uri);
    const document = this.host.document(uri);
    if (!document) return;
    if (!this.isLarge(document, settings)) return this.schedulePublish(uri);
    // Grown past the limit while typing: stop checking it on the main thread, and say so once.
    if (!this.hadBackground.has(uri)) this.service.forget(uri);
    this.tellLarge(uri, settings);
  }

  closed(uri: string): void {
    this.background.drop(uri);
    this.hadBackground.delete(uri);
    this.sizeOf.delete(uri);
    this.service.forget(uri);
    this.pending.get(uri)?.cancel();
    this.pending.delete(uri);
  }

  /** Settings changed: sizes are measured again (the limit may have changed either way), every open document checked again. */
  settingsChanged(uris: Iterable<string>): void {
    this.sizeOf.clear();
    for (const uri of uris) void this.opened(uri);
  }

  dispose(): void {
    for (const p of this.pending.values()) p.cancel();
    this.pending.clear();
    this.background.dispose();
  }

  // ---- pushed diagnostics

  private schedulePublish(uri: string): void {
    if (this.host.pull || this.pending.has(uri)) return;
    const document = this.host.document(uri);
    const length = document ? lengthOf(document) : 0;
    if (length < DEBOUNCE_FROM) {
      const immediate = setImmediate(() => void this.publish(uri));
      this.pending.set(uri, { cancel: () => clearImmediate(immediate) });
    } else {
      const timer = setTimeout(() => void this.publish(uri), DEBOUNCE_MS);
      this.pending.set(uri, { cancel: () => clearTimeout(timer) });
    }
  }

  private async publish(uri: string): Promise<void> {
    this.pending.delete(uri);
    const document = this.host.document(uri);
    if (!document) return;
    const { version } = document;
    const content = contentOf(document);
    const settings = await this.host.settings(uri);
    const now = this.host.document(uri);
    if (!now || now.version !== version || contentOf(now) !== content) return; // a newer change publishes
    if (this.isLarge(now, settings)) return; // checked in the background, on open and save
    const analysis = this.service.analysisWith(now, settings);
    if (analysis) this.host.publish(uri, analysis.version, analysis);
  }

  // ---- large documents

  /** Documents whose latest analysis came from the background. */
  private readonly hadBackground = new Set<string>();

  private tellLarge(uri: string, settings: XxgkSettings): void {
    if (this.toldLarge.has(uri)) return;
    this.toldLarge.add(uri);
    const text = this.host.document(uri)?.getText() ?? '';
    const mb = (Buffer.byteLength(text, 'utf8') / (1024 * 1024)).toFixed(1);
    const name = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
    this.host.notify('info', localize('server.large', { name, mb, limit: settings.maxFileSizeMB }, settings.locale));
  }

  /** Checks a large document's current version in the background, then publishes (or asks the client to pull). */
  async checkInBackground(uri: string): Promise<void> {
    const settings = await this.host.settings(uri);
    const document = this.host.document(uri);
    if (!document) return;
    this.tellLarge(uri, settings);
    if (isLarge(lengthOf(document), () => document.getText(), HARD_LIMIT_MB)) {
      this.host.notify('warning', localize('server.tooLarge', { limit: HARD_LIMIT_MB }, settings.locale));
      return;
    }
    let analysis: Analysis | null;
    try {
      analysis = await this.background.analyze(uri, document.version, document.getText(), settings);
    } catch (e) {
      this.host.log(`xxgk: background check of ${uri} failed: ${(e as Error).message}`);
      this.host.notify('warning', localize('server.failed', { reason: (e as Error).message }, settings.locale));
      return;
    }
    if (!analysis || !this.host.document(uri)) return;
    this.service.adopt(analysis);
    this.hadBackground.add(uri);
    if (this.host.pull) this.host.refresh();
    else this.host.publish(uri, analysis.version, analysis);
  }

  /** Whether diagnostics of this document come from the background (it is large under these settings). */
  async backgroundOnly(uri: string): Promise<boolean> {
    const document = this.host.document(uri);
    if (!document) return false;
    return this.isLarge(document, await this.host.settings(uri));
  }

  /**
   * A text that is not open (a workspace file, features/workspace.ts): null above the hard limit; off the main thread above
   * the size limit (keyed apart from any open document's own analysis); here otherwise. Null too
   * when a newer request for the same key superseded it.
   */
  async analyzeClosed(key: string, text: string, settings: XxgkSettings): Promise<TextAnalysis | null | 'too-large'> {
    if (isLarge(text.length, () => text, HARD_LIMIT_MB)) return 'too-large';
    if (isLarge(text.length, () => text, settings.maxFileSizeMB)) return this.background.analyze(key, 0, text, settings);
    return analyzeText(text, settings);
  }
}
