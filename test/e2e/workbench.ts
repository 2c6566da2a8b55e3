/**
 * Driving the VS Code 1.100 workbench (served by code-server) through playwright-core.
 * Every step waits on something the UI shows; nothing sleeps a fixed time.
 */
import type { Locator, Page } from 'playwright-core';

const UI_TIMEOUT = 30_000;
/** The language server has to start and check the report before the first diagnostics. */
export const SERVER_TIMEOUT = 60_000;

/** Spaces render as no-break spaces in the editor; compare text with this. */
export const plain = (text: string) => text.replace(/\u00a0/g, ' ');

export class Workbench {
  constructor(readonly page: Page) {}

  async loaded(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: SERVER_TIMEOUT });
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: SERVER_TIMEOUT });
  }

  /** Opens a file of the workspace root from the Explorer and waits for its first line. */
  async open(fileName: string, firstLine: string): Promise<void> {
    await this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName }).first().click({ timeout: UI_TIMEOUT });
    await this.page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ timeout: UI_TIMEOUT });
    await this.line(firstLine).waitFor({ timeout: UI_TIMEOUT });
  }

  /** The rendered editor line that contains `text`, in the active editor. */
  line(text: string): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: text }).first();
  }

  /** Moves the cursor with Go to Line (1-based line and column, as the UI counts them). */
  async goTo(line: number, column = 1): Promise<void> {
    await this.page.keyboard.press('Control+g');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: UI_TIMEOUT });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
    await this.page.locator('.editor-group-container.active .monaco-editor.focused').waitFor({ timeout: UI_TIMEOUT });
  }

  /** Selects the next occurrence of `text` in the active editor with the Find widget, then closes it. */
  async find(text: string): Promise<void> {
    await this.page.keyboard.press('Control+f');
    const input = this.page
      .locator('.editor-group-container.active .find-widget.visible textarea, .editor-group-container.active .find-widget.visible input')
      .first();
    await input.waitFor({ timeout: UI_TIMEOUT });
    await input.fill(text);
    await this.page
      .locator('.editor-group-container.active .find-widget .matchesCount', { hasText: /^1 of/ })
      .waitFor({ timeout: UI_TIMEOUT });
    // its close button, not Escape: a key can go to another widget (a toast, a hover) and leave it open
    await this.page
      .locator('.editor-group-container.active .find-widget.visible .codicon-widget-close')
      .first()
      .click({ timeout: UI_TIMEOUT });
    await this.page.locator('.editor-group-container.active .find-widget.visible').waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await this.page.locator('.editor-group-container.active .monaco-editor.focused').waitFor({ timeout: UI_TIMEOUT });
  }

  /** Runs a command from the Command Palette by its displayed title. */
  async command(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: UI_TIMEOUT });
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout: UI_TIMEOUT });
    await this.page.keyboard.press('Enter');
  }

  /** Answers an input box (showInputBox) once its prompt shows `prompt`. */
  async answerInput(prompt: RegExp, value: string): Promise<void> {
    const widget = this.page.locator('.quick-input-widget', { hasText: prompt });
    await widget.waitFor({ timeout: UI_TIMEOUT });
    await widget.locator('input').fill(value);
    await this.page.keyboard.press('Enter');
  }

  /** Shows the Problems panel. */
  async problems(): Promise<Locator> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ timeout: UI_TIMEOUT });
    return panel;
  }

  /** The Problems panel rows (markers and their files). */
  problemRows(hasText?: string | RegExp): Locator {
    return this.page.locator('.markers-panel .monaco-list-row', hasText ? { hasText } : {});
  }

  async problemTexts(): Promise<string[]> {
    return (await this.problemRows().allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /** Waits until the Problems panel lists nothing at all. */
  async problemsEmpty(): Promise<void> {
    await this.problems();
    await this.problemRows().first().waitFor({ state: 'detached', timeout: SERVER_TIMEOUT });
  }

  /**
   * The screen point in the middle of characters [character, character + length) of the
   * rendered line that contains `lineText` (monaco draws a line as token spans).
   */
  async pointAt(lineText: string, character: number, length = 1): Promise<{ x: number; y: number }> {
    const line = this.line(lineText);
    await line.waitFor({ timeout: UI_TIMEOUT });
    return line.evaluate(
      (element, [start, count]) => {
        const doc = (globalThis as any).document;
        const walker = doc.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
        let offset = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const size = node.textContent.length;
          if (start < offset + size) {
            const range = doc.createRange();
            range.setStart(node, start - offset);
            range.setEnd(node, Math.min(size, start - offset + count));
            const box = range.getBoundingClientRect();
            return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
          }
          offset += size;
        }
        throw new Error(`character ${start} is beyond the rendered line`);
      },
      [character, length] as const,
    );
  }

  /**
   * Waits until the rendered line with `lineText` is drawn in at least `count` token colours
   * (monaco's mtkN classes; tokenization runs after the text is first drawn). Returns them.
   */
  async tokenColours(lineText: string, count: number): Promise<string[]> {
    const line = this.line(lineText);
    await line.waitFor({ timeout: UI_TIMEOUT });
    const colours = () =>
      line.evaluate((element) => [
        ...new Set(
          [...(element as any).querySelectorAll('span')].flatMap((s: any) =>
            String(s.className)
              .split(/\s+/)
              .filter((c: string) => /^mtk\d+$/.test(c)),
          ),
        ),
      ]);
    await this.page
      .waitForFunction(
        ([text, n]) => {
          const doc = (globalThis as any).document;
          const lines = [...doc.querySelectorAll('.editor-group-container.active .monaco-editor .view-line')];
          const el: any = lines.find((l: any) => l.textContent.replace(/\u00a0/g, ' ').includes(text));
          if (!el) return false;
          const classes = new Set(
            [...el.querySelectorAll('span')].flatMap((s: any) =>
              String(s.className)
                .split(/\s+/)
                .filter((c: string) => /^mtk\d+$/.test(c)),
            ),
          );
          return classes.size >= n;
        },
        [lineText, count] as const,
        { timeout: UI_TIMEOUT },
      )
      .catch(() => undefined);
    return colours();
  }

  /**
   * Waits until the status bar shows `name` as the active editor's language (a file can open as
   * Plain Text and switch once the extension's language contribution is registered).
   */
  async languageMode(name: string): Promise<void> {
    await this.page.locator('[id="status.editor.mode"]', { hasText: name }).waitFor({ timeout: SERVER_TIMEOUT });
  }

  /** Opens the quick-fix menu at the cursor (Ctrl+.) and applies the action whose title matches. */
  async quickFix(title: RegExp): Promise<string> {
    await this.page.keyboard.press('Control+.');
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    await rows.filter({ hasText: title }).first().waitFor({ state: 'attached', timeout: SERVER_TIMEOUT });
    // walk the menu with the keyboard, as a user does: the focused row moves on each ArrowDown
    const count = await rows.count();
    for (let step = 0; step <= count; step++) {
      const focused = rows.and(this.page.locator('.focused'));
      await focused.waitFor({ state: 'attached', timeout: UI_TIMEOUT });
      const label = (await focused.getAttribute('aria-label')) ?? (await focused.innerText());
      if (title.test(label)) {
        await this.page.keyboard.press('Enter');
        await this.page.locator('.action-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
        return label;
      }
      const index = await focused.getAttribute('data-index');
      await this.page.keyboard.press('ArrowDown');
      await this.page
        .locator(`.action-widget .monaco-list-row.action.focused:not([data-index="${index}"])`)
        .waitFor({ state: 'attached', timeout: UI_TIMEOUT });
    }
    throw new Error(`no quick fix matching ${title} in: ${(await rows.allInnerTexts()).join(' | ')}`);
  }

  /** Closes the active editor, dropping its unsaved changes. */
  async revertAndClose(): Promise<void> {
    await this.command('View: Revert and Close Editor');
  }
}
