/**
 * The tests in the real VS Code workbench. Each opens its own copy of a fixture (copied into the
 * workspace by run.ts under the name given here), proves one behaviour a user sees, and closes
 * the editor without saving so the next test starts from a quiet Problems panel.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  BROKEN_TOTAL,
  BROKEN_TOTAL_VALUE,
  CONSISTENT,
  CORRECT_TOTAL_VALUE,
  D5_LABEL,
  D6_LABEL,
  fixtureText,
  GRANTED_ADDENDS,
  GRANTED_LABEL,
  GB18030_REPORT,
  MISSING_SECTION_5,
  PDF_LAYOUT,
  SECTION_1_HEADING,
  SECTION_5_HEADING,
  lineOf,
  rowTotal,
} from './fixtures';
import { SERVER_TIMEOUT, Workbench, plain } from './workbench';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText } from '../../server/src/features/analysis';
import { DEFAULT_SETTINGS } from '../../server/src/features/settings';
import { tidy } from '../../server/src/features/tidy';

export interface UiTest {
  name: string;
  /** Names the screenshot. */
  slug: string;
  /**
   * The workspace file the test opens, and the fixture it is a copy of (byte for byte), or made
   * from (`derive` gets the fixture's text and returns the file's).
   */
  file?: { name: string; fixture: string; derive?: (text: string) => string };
  body: (wb: Workbench, ui: UiFacts) => Promise<void>;
}

/** What the extension's manifest says the UI will show. */
export interface UiFacts {
  languageName: string;
  newReportTitle: string;
  previewTitle: string;
  tidyTitle: string;
  /** The workspace's settings file (VS Code reloads it when it changes). */
  settingsFile: string;
  /** Saves a screenshot of the moment as test-results/vscode-N-slug-LABEL.png (besides the one at the end). */
  screenshot: (label: string) => Promise<void>;
  /** The title of the bodies/years view (年度报告（机关与年度）). */
  reportsViewTitle: string;
}

/** Runs `body` with user settings changed, and puts them back afterwards. */
async function withSettings(ui: UiFacts, changes: Record<string, unknown>, body: () => Promise<void>): Promise<void> {
  const original = readFileSync(ui.settingsFile, 'utf8');
  writeFileSync(ui.settingsFile, JSON.stringify({ ...JSON.parse(original), ...changes }, null, 2));
  try {
    await body();
  } finally {
    writeFileSync(ui.settingsFile, original);
  }
}

const FIRST_LINE = '示例县示例镇人民政府';
const APPLICANT_COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];
const HAS_CHINESE = /[\u4e00-\u9fff]/;

const broken = rowTotal(BROKEN_TOTAL, GRANTED_LABEL);

const analyse = (text: string) => ({
  uri: 'file:///r.txt',
  version: 1,
  text,
  settings: DEFAULT_SETTINGS,
  ...analyzeText(text, DEFAULT_SETTINGS),
});

/** What the engine's 整理为规范格式 makes of a report's text. */
function canonicalText(text: string): string {
  return TextDocument.applyEdits(TextDocument.create('file:///r.txt', 'xxgk', 1, text), tidy(analyse(text)).edits);
}

/** Where the `|` of each rendered line of the active editor are (x of their middle, px), by the line's text. */
async function barPositions(wb: Workbench): Promise<Map<string, number[]>> {
  const lines = await wb.page.evaluate(() => {
    const doc = (globalThis as any).document;
    return [...doc.querySelectorAll('.editor-group-container.active .monaco-editor .view-lines .view-line')].map((el: any) => {
      const bars: number[] = [];
      const walker = doc.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const t: string = node.textContent;
        for (let i = t.indexOf('|'); i >= 0; i = t.indexOf('|', i + 1)) {
          const range = doc.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const box = range.getBoundingClientRect();
          bars.push(box.x + box.width / 2);
        }
      }
      return { text: String(el.textContent).replace(/\u00a0/g, ' '), bars };
    });
  });
  return new Map(lines.map((l) => [l.text, l.bars]));
}

/**
 * Opens `name` (the consistent report), types `typed` on a new line right after row 5 of （三）不予公开
 * and accepts the suggestion of row 6 (属于四类过程性信息).
 */
async function acceptSuggestion(wb: Workbench, name: string, typed: string): Promise<void> {
  await wb.open(name, FIRST_LINE);
  await wb.goTo(lineOf(CONSISTENT, D5_LABEL) + 1, 1);
  await wb.page.keyboard.press('End');
  await wb.page.keyboard.press('Enter');
  await wb.page.keyboard.type(typed);
  const suggestion = wb.page.locator('.suggest-widget .monaco-list-row', { hasText: D6_LABEL }).first();
  // quick suggestions open by themselves as one types; ask explicitly if they have not yet
  if (!(await suggestion.isVisible())) await wb.page.keyboard.press('Control+Space');
  await suggestion.waitFor({ timeout: SERVER_TIMEOUT });
  console.log(`       suggestion: ${plain(await suggestion.innerText()).replace(/\s+/g, ' ')}`);
  await wb.page.keyboard.press('Enter');
  await wb.page.locator('.suggest-widget').waitFor({ state: 'hidden' });
}

async function openBrokenReport(wb: Workbench, name: string): Promise<void> {
  await wb.open(name, FIRST_LINE);
  await wb.problems();
  await wb
    .problemRows(/sum-row/)
    .first()
    .waitFor({ timeout: SERVER_TIMEOUT });
}

export const UI_TESTS: UiTest[] = [
  {
    slug: 'recognise-txt',
    name: 'a .txt report whose name does not say so opens as xxgk by its content, with its problems, and the status bar says so',
    file: { name: '2020年报告.txt', fixture: BROKEN_TOTAL },
    async body(wb, ui) {
      await wb.open('2020年报告.txt', FIRST_LINE);
      await wb.languageMode(ui.languageName);
      await wb.problems();
      const row = wb.problemRows(/sum-row/).first();
      await row.waitFor({ timeout: SERVER_TIMEOUT });
      console.log(`       problem: ${plain(await row.innerText()).replace(/\s+/g, ' ')}`);
      const status = wb.page
        .locator('.statusbar-item', { hasText: /recognised by content|按内容识别/ })
        .filter({ hasNotText: /no problems|没有问题/ })
        .first();
      await status.waitFor({ timeout: SERVER_TIMEOUT });
      await wb.page.locator('.statusbar-item', { hasText: /2021/ }).first().waitFor({ timeout: SERVER_TIMEOUT });
      const text = plain(await status.innerText()).replace(/\s+/g, ' ');
      console.log(`       status: ${text}`);
      const year = /(\d{4})年政府信息公开/.exec(fixtureText(BROKEN_TOTAL))![1];
      assert.match(text, new RegExp(`(year|年度)\\W*${year}|${year}\\W*(年度|year)`), `the status item names the report year ${year}`);
      assert.match(text, /2021 (format|版)/, 'the status item names the format');
    },
  },
  {
    slug: 'gb18030',
    name: 'a GB18030 report opens readable (reopened in GB 18030), as xxgk, with no false problems',
    file: { name: 'gbk-report.txt', fixture: GB18030_REPORT },
    async body(wb, ui) {
      await wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'gbk-report.txt' }).first().click();
      await wb.line(FIRST_LINE).waitFor({ timeout: SERVER_TIMEOUT });
      await wb.page.locator('[id="status.editor.encoding"]', { hasText: /GB\s*18030/i }).waitFor({ timeout: SERVER_TIMEOUT });
      await wb.languageMode(ui.languageName);
      // the server has the readable text: it finds the heading of 一 (hovering it shows what the section holds)
      const point = await wb.pointAt(SECTION_1_HEADING, 1);
      await wb.page.mouse.move(point.x, point.y);
      await wb.page
        .locator('.monaco-hover:visible', { hasText: /主动公开|proactive disclosure/ })
        .first()
        .waitFor({ timeout: SERVER_TIMEOUT });
      await wb.page.mouse.move(0, 0);
      await wb.problemsEmpty();
    },
  },
  {
    slug: 'preview',
    name: 'the report preview colours the broken total, shows its derivation, selects it on click and follows edits',
    file: { name: 'preview.xxgk', fixture: BROKEN_TOTAL },
    async body(wb, ui) {
      await openBrokenReport(wb, 'preview.xxgk');
      await wb.command(ui.previewTitle);
      const frame = wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      // the total is broken; the repair may also name it as the suspect cell (coloured by its diagnostic)
      const brokenCell = frame.locator('td.value.broken, td.value.suspect', { hasText: BROKEN_TOTAL_VALUE }).first();
      await brokenCell.waitFor({ timeout: SERVER_TIMEOUT });
      const consistent = await frame.locator('td.value.consistent').count();
      assert.ok(consistent > 100, `most cells are drawn consistent (${consistent})`);
      assert.equal(
        await frame.locator('table[data-table="3"] thead th[colspan="7"]').count(),
        1,
        'table 三 has the merged 申请人情况 header',
      );
      await brokenCell.hover();
      const tip = frame.locator('#tip');
      await tip.waitFor({ state: 'visible', timeout: 10_000 });
      const tipText = await tip.innerText();
      console.log(`       cell hover: ${tipText.replace(/\s+/g, ' ')}`);
      assert.ok(tipText.includes(`= ${CORRECT_TOTAL_VALUE}`), 'the hover shows the derivation');
      await brokenCell.click();
      await wb.page
        .locator('[id="status.editor.selection"]', { hasText: `Ln ${broken.line + 1}, Col ${broken.character + 2} (1 selected)` })
        .waitFor({ timeout: 10_000 });
      await frame.locator('td.value.current', { hasText: BROKEN_TOTAL_VALUE }).waitFor({ timeout: 10_000 });
      // typing the right total turns the cell consistent in the preview
      await wb.page.keyboard.type(CORRECT_TOTAL_VALUE);
      await frame.locator('td.value.broken, td.value.suspect').first().waitFor({ state: 'detached', timeout: SERVER_TIMEOUT });
      await frame.locator('td.value.consistent.current', { hasText: CORRECT_TOTAL_VALUE }).waitFor({ timeout: 10_000 });
    },
  },
  {
    slug: 'tidy',
    name: 'the command 整理为规范格式 rewrites a PDF-layout report into canonical tables and keeps the narrative',
    file: { name: 'pdf-layout.txt', fixture: PDF_LAYOUT },
    async body(wb, ui) {
      await wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'pdf-layout.txt' }).first().click();
      await wb.languageMode(ui.languageName);
      await wb.command(ui.tidyTitle);
      await wb.page
        .locator('.notifications-toasts', { hasText: /canonical|规范格式/ })
        .first()
        .waitFor({ timeout: SERVER_TIMEOUT });
      // what the engine's tidy gives for this text: the editor must show that line where it belongs
      const tidied = canonicalText(fixtureText(PDF_LAYOUT)).split(/\r?\n/);
      const row = tidied.findIndex((l) => l.startsWith('| 一、本年新收政府信息公开申请数量'));
      assert.ok(row > 0, 'tidy writes a canonical table 三');
      await wb.page.locator('.editor-group-container.active .monaco-editor textarea.inputarea').focus();
      await wb.goTo(row + 1);
      await wb.line(tidied[row].slice(0, 30)).waitFor({ timeout: 10_000 });
      const cursor = await wb.page.locator('[id="status.editor.selection"]').innerText();
      assert.match(cursor, new RegExp(`Ln ${row + 1},`));
    },
  },
  {
    slug: 'fix-all',
    name: 'Ctrl+. on a problem offers 修正本文件所有可修正的问题, and applying it empties the Problems panel',
    file: { name: 'fix-all.xxgk', fixture: BROKEN_TOTAL },
    async body(wb) {
      await openBrokenReport(wb, 'fix-all.xxgk');
      await wb.goTo(broken.line + 1, broken.character + 1);
      const title = await wb.quickFix(/修正本文件所有可修正的问题|Fix all auto-fixable/);
      console.log(`       quick fix: ${title}`);
      await wb.problemsEmpty();
    },
  },
  {
    slug: 'completion-pinyin',
    name: 'typing guocheng in table 三 suggests 6.属于四类过程性信息 and inserts the row aligned',
    file: { name: 'pinyin.xxgk', fixture: CONSISTENT },
    async body(wb) {
      await acceptSuggestion(wb, 'pinyin.xxgk', 'guocheng');
      // a whole row came in: label and seven zeros between bars, on the new line
      const row = wb.page
        .locator('.editor-group-container.active .monaco-editor .view-line', { hasText: D6_LABEL })
        .filter({ hasText: /\|\s*0\s*\|\s*0\s*\|\s*0\s*\|\s*0\s*\|\s*0\s*\|\s*0\s*\|\s*0\s*\|/ });
      await row.first().waitFor({ timeout: 10_000 });
      const cursor = await wb.page.locator('[id="status.editor.selection"]').innerText();
      assert.match(cursor, new RegExp(`Ln ${lineOf(CONSISTENT, D5_LABEL) + 2},`), `the row went in on the new line (${cursor})`);
    },
  },
  {
    slug: 'english',
    name: 'with xxgk.locale en the problems are in English',
    file: { name: 'english.xxgk', fixture: BROKEN_TOTAL },
    async body(wb, ui) {
      await withSettings(ui, { 'xxgk.locale': 'en' }, async () => {
        await wb.open('english.xxgk', FIRST_LINE);
        await wb.problems();
        const row = wb.problemRows(/should be/).first();
        await row.waitFor({ timeout: SERVER_TIMEOUT });
        const text = plain(await row.innerText()).replace(/\s+/g, ' ');
        console.log(`       problem: ${text}`);
        assert.match(text, /The total of .* should be 5 .* but 6 is stated/);
      });
      // and back in Chinese once the setting is gone
      await wb
        .problemRows(/总计应为/)
        .first()
        .waitFor({ timeout: SERVER_TIMEOUT });
    },
  },
  {
    slug: 'diagnostics',
    name: 'a report with a broken total opens as xxgk, coloured, and Problems lists sum-row in Chinese at its line',
    file: { name: 'diagnostics.xxgk', fixture: BROKEN_TOTAL },
    async body(wb, ui) {
      await wb.open('diagnostics.xxgk', FIRST_LINE);
      await wb.languageMode(ui.languageName);
      await wb.goTo(broken.line + 1);
      const classes = await wb.tokenColours(GRANTED_LABEL, 2);
      assert.ok(classes.length >= 2, `the broken row is drawn in one colour only (${classes.join(' ')}): no syntax colouring`);
      await wb.problems();
      const row = wb.problemRows(/sum-row/).first();
      await row.waitFor({ timeout: SERVER_TIMEOUT });
      const text = plain(await row.innerText()).replace(/\s+/g, ' ');
      console.log(`       problem: ${text}`);
      assert.match(text, HAS_CHINESE, 'the message is in Chinese');
      assert.match(text, new RegExp(`\\[Ln ${broken.line + 1}, Col \\d+\\]`), `the problem is on line ${broken.line + 1}`);
      assert.match(text, /xxgk/, 'the source is xxgk');
    },
  },
  {
    slug: 'hover',
    name: 'hovering the broken total shows its derivation with the addends',
    file: { name: 'hover.xxgk', fixture: BROKEN_TOTAL },
    async body(wb) {
      await openBrokenReport(wb, 'hover.xxgk');
      await wb.goTo(broken.line + 1);
      const point = await wb.pointAt(GRANTED_LABEL, broken.character);
      await wb.page.mouse.move(point.x, point.y);
      // VS Code draws the problem's part of the hover at once and the server's derivation when it comes
      const hover = wb.page.locator('.monaco-hover:visible', { hasText: 'sum-row' }).filter({ hasText: '计算值' }).first();
      await hover.waitFor({ timeout: SERVER_TIMEOUT });
      const text = plain(await hover.innerText()).replace(/\s+/g, ' ');
      console.log(`       hover: ${text.slice(0, 300)}`);
      for (const column of APPLICANT_COLUMNS) assert.ok(text.includes(column), `the addend ${column} is listed`);
      const values: string[] = text.match(/\d+/g) ?? [];
      for (const value of GRANTED_ADDENDS) assert.ok(values.includes(value), `the addend value ${value} is listed`);
      assert.ok(values.includes(CORRECT_TOTAL_VALUE) && values.includes(BROKEN_TOTAL_VALUE), 'the computed and the stated total are shown');
    },
  },
  {
    slug: 'inlay-hints',
    name: 'turning xxgk.inlayHints.enabled on shows ≠5 after the broken total at once, and turning it off removes it, without a reload',
    file: { name: 'inlay.xxgk', fixture: BROKEN_TOTAL },
    async body(wb, ui) {
      await openBrokenReport(wb, 'inlay.xxgk');
      await wb.goTo(broken.line + 1);
      const hinted = wb.page
        .locator('.editor-group-container.active .monaco-editor .view-line', { hasText: GRANTED_LABEL })
        .filter({ hasText: `≠${CORRECT_TOTAL_VALUE}` });
      assert.equal(await hinted.count(), 0, 'no hint while the setting is off');
      await ui.screenshot('off');
      await withSettings(ui, { 'xxgk.inlayHints.enabled': true }, async () => {
        await hinted.first().waitFor({ timeout: SERVER_TIMEOUT });
        console.log(`       with hints: ${plain(await hinted.first().innerText()).replace(/\s+/g, ' ')}`);
        await ui.screenshot('on');
      });
      await hinted.first().waitFor({ state: 'detached', timeout: SERVER_TIMEOUT });
    },
  },
  {
    slug: 'table-alignment',
    name: 'in the canonical layout the | of every table 三 row line up on screen (measured) and its widest line fits a 1600 px window',
    file: { name: 'canonical.xxgk', fixture: CONSISTENT, derive: canonicalText },
    async body(wb) {
      const text = canonicalText(fixtureText(CONSISTENT));
      const lines = text.split(/\r?\n/);
      const { start, end } = analyse(text).report.table3!.range;
      const rows = lines.map((l, i) => ({ l, i })).filter(({ l, i }) => i >= start.line && i <= end.line && l.startsWith('|'));
      assert.ok(rows.length >= 30, `table 三 has ${rows.length} lines`);
      await wb.open('canonical.xxgk', FIRST_LINE);
      // monaco draws only the lines in view: bring the table in, a part at a time
      const measured = new Map<string, number[]>();
      for (let k = 0; k < rows.length; k += 15) {
        await wb.goTo(rows[k].i + 1);
        await wb.line(rows[k].l.slice(0, 12)).waitFor({ timeout: 10_000 });
        for (const [t, bars] of await barPositions(wb)) measured.set(t, bars);
      }
      const reference = measured.get(rows[0].l);
      assert.ok(reference && reference.length === 9, `the header row has 9 bars on screen (${reference?.length})`);
      let worst = 0;
      for (const { l, i } of rows) {
        const bars = measured.get(l);
        assert.ok(bars, `line ${i + 1} was drawn: ${l}`);
        // a full row has the 9 bars of the header; a group or a continued label ends at the first column's bar
        const expected: number[] = bars.length === 2 ? [reference[0], reference[1]] : reference;
        assert.equal(bars.length, expected.length, `line ${i + 1}: ${bars.length} bars`);
        bars.forEach((x, b) => (worst = Math.max(worst, Math.abs(x - expected[b]))));
        assert.ok(
          bars.every((x, b) => Math.abs(x - expected[b]) <= 1),
          `line ${i + 1}: bars at ${bars.map((x) => x.toFixed(1)).join(' ')}, header's at ${expected.map((x) => x.toFixed(1)).join(' ')}`,
        );
      }
      const view = await wb.page.evaluate(() => {
        const doc = (globalThis as any).document;
        const editor = doc.querySelector('.editor-group-container.active .monaco-editor');
        const scrollable = editor.querySelector('.monaco-scrollable-element.editor-scrollable');
        // the minimap is drawn over the right of the text area; the vertical scrollbar is inside it
        const minimap = editor.querySelector('.minimap')?.getBoundingClientRect();
        const vertical = scrollable.querySelector(':scope > .scrollbar.vertical').getBoundingClientRect();
        const right = Math.min(vertical.left, minimap && minimap.width > 0 ? minimap.left : Infinity);
        const line = editor.querySelector('.view-lines .view-line');
        return {
          right,
          scrollLeft: scrollable.querySelector('.lines-content').getBoundingClientRect().left - scrollable.getBoundingClientRect().left,
          font: (globalThis as any).getComputedStyle(line).fontFamily as string,
        };
      });
      const rightmost = Math.max(...rows.map(({ l }) => measured.get(l)!.at(-1)!));
      console.log(
        `       ${rows.length} lines of table 三, bars within ${worst.toFixed(2)} px of the header's; last bar at ${rightmost.toFixed(0)} px, ` +
          `the text area ends at ${view.right.toFixed(0)} px; font ${view.font}`,
      );
      // drawn from the left edge (not scrolled) and ending inside the text area: readable without scrolling right
      assert.ok(Math.abs(view.scrollLeft) < 1, `the editor is not scrolled (${view.scrollLeft} px)`);
      assert.ok(rightmost < view.right, 'table 三 ends inside the text area');
    },
  },
  {
    slug: 'completion',
    name: 'typing under （三）不予公开 in table 三 suggests 属于四类过程性信息 and accepting it inserts the label',
    file: { name: 'completion.xxgk', fixture: CONSISTENT },
    async body(wb) {
      await acceptSuggestion(wb, 'completion.xxgk', '属于四');
      const inserted = wb.page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: D6_LABEL });
      // the fixture already has row 6 further down: the inserted one makes two, on the cursor's line
      await inserted.nth(1).waitFor({ timeout: 10_000 });
      const cursor = await wb.page.locator('[id="status.editor.selection"]').innerText();
      assert.match(cursor, new RegExp(`Ln ${lineOf(CONSISTENT, D5_LABEL) + 2},`), `the label went in on the new line (${cursor})`);
    },
  },
  {
    slug: 'quickfix',
    name: 'the quick fix (Ctrl+.) sets the total and the Problems panel empties',
    file: { name: 'quickfix.xxgk', fixture: BROKEN_TOTAL },
    async body(wb) {
      await openBrokenReport(wb, 'quickfix.xxgk');
      await wb.goTo(broken.line + 1, broken.character + 1);
      const title = await wb.quickFix(new RegExp(CORRECT_TOTAL_VALUE));
      console.log(`       quick fix: ${title}`);
      // The edit is applied asynchronously: wait for the rendered line to show the new total.
      const fixedLine = wb.line(GRANTED_LABEL).filter({ hasText: new RegExp(`\\b${CORRECT_TOTAL_VALUE}[\\s\\u00a0]*\\|?[\\s\\u00a0]*$`) });
      try {
        await fixedLine.waitFor({ timeout: SERVER_TIMEOUT });
      } catch {
        assert.fail(`the total should read ${CORRECT_TOTAL_VALUE}: ${plain(await wb.line(GRANTED_LABEL).innerText())}`);
      }
      await wb.problemsEmpty();
    },
  },
  {
    slug: 'new-report',
    name: 'the command 新建年度报告 asks for the body and the year and produces a report with no problems',
    async body(wb, ui) {
      const body = '示例市示例区人民政府办公室';
      await wb.command(ui.newReportTitle);
      await wb.answerInput(/body|机关/, body);
      await wb.answerInput(/year|年度/, '2022');
      await wb.line(body).waitFor({ timeout: SERVER_TIMEOUT });
      await wb.languageMode(ui.languageName);
      // Prove the server checks this document: break it (drop the heading of 五), see a problem,
      // undo, and see the Problems panel empty again for the report as generated.
      await wb.find(SECTION_5_HEADING);
      const heading = wb.line(SECTION_5_HEADING);
      await wb.page.keyboard.press('Home');
      await wb.page.keyboard.press('Shift+End');
      await wb.page.keyboard.press('Delete');
      await wb.problems();
      await wb
        .problemRows(/section-/)
        .first()
        .waitFor({ timeout: SERVER_TIMEOUT });
      await wb.page.locator('.editor-group-container.active .monaco-editor textarea.inputarea').focus();
      await wb.page.keyboard.press('Control+z');
      await heading.waitFor({ timeout: 10_000 });
      await wb.problemsEmpty();
    },
  },
  {
    slug: 'section-missing',
    name: 'a report missing section 五 lists section-missing and its quick fix inserts the section',
    file: { name: 'section5.xxgk', fixture: MISSING_SECTION_5 },
    async body(wb) {
      await wb.open('section5.xxgk', FIRST_LINE);
      await wb.problems();
      const row = wb.problemRows(/section-missing/).first();
      await row.waitFor({ timeout: SERVER_TIMEOUT });
      const text = plain(await row.innerText()).replace(/\s+/g, ' ');
      console.log(`       problem: ${text}`);
      const at = /\[Ln (\d+), Col (\d+)\]/.exec(text);
      assert.ok(at, 'the problem has a position');
      await wb.goTo(Number(at[1]), Number(at[2]));
      const title = await wb.quickFix(/五/);
      console.log(`       quick fix: ${title}`);
      await wb.line(SECTION_5_HEADING).waitFor({ timeout: 10_000 });
      await wb
        .problemRows(/section-missing/)
        .first()
        .waitFor({ state: 'detached', timeout: SERVER_TIMEOUT });
    },
  },
  {
    slug: 'workspace-problems',
    name: 'the problems of a report that is not open are listed (workspace diagnostics) and stay when it is opened and closed',
    file: { name: 'unopened.xxgk', fixture: BROKEN_TOTAL },
    async body(wb, ui) {
      await withSettings(ui, { 'xxgk.diagnosticMode': 'workspace' }, async () => {
        await filterProblems(wb, 'unopened.xxgk');
        await onlyProblemsOf(wb, 'unopened.xxgk');
        const closed = await sumRows(wb);
        console.log(`       closed: ${closed.length} sum problems, e.g. ${closed[0]}`);
        await wb.open('unopened.xxgk', FIRST_LINE);
        // The open document's own (pulled) problems: the status item counts them once they are in.
        await wb.page
          .locator('.statusbar-item', { hasText: /year 2021|2021 年度/ })
          .first()
          .waitFor({ timeout: SERVER_TIMEOUT });
        await onlyProblemsOf(wb, 'unopened.xxgk');
        assert.deepEqual(await sumRows(wb), closed, 'the same problems, once each, while it is open');
        await wb.revertAndClose();
        await onlyProblemsOf(wb, 'unopened.xxgk');
        assert.deepEqual(await sumRows(wb), closed, 'and after it is closed');
        await filterProblems(wb, '');
      });
    },
  },
  {
    slug: 'workspace-years',
    name: 'a carry-mismatch between two years’ files shows on the later one, and the bodies/years view lists both',
    async body(wb, ui) {
      const workspace = dirname(dirname(ui.settingsFile));
      const consistent = fixtureText(CONSISTENT).replaceAll('示例县示例镇', '对照县对照镇');
      // Last year's report: its 结转下年度 0 where this year's 上年结转 says 1 (自然人, 总计).
      writeFileSync(join(workspace, 'cross-2020.xxgk'), consistent.replaceAll('2021年', '2020年'));
      writeFileSync(join(workspace, 'cross-2021.xxgk'), consistent);
      try {
        await wb.open('cross-2021.xxgk', '对照县对照镇人民政府');
        await wb.problems();
        const row = wb.problemRows(/carry-mismatch/).first();
        await row.waitFor({ timeout: SERVER_TIMEOUT });
        const text = plain(await row.innerText()).replace(/\s+/g, ' ');
        console.log(`       problem: ${text}`);
        assert.match(text, /2020/, 'the message names last year');
        assert.equal(await wb.problemRows(/carry-mismatch/).count(), 2, '自然人 and 总计');

        const view = wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: ui.reportsViewTitle }) });
        const header = view.locator('.pane-header');
        await header.waitFor({ timeout: SERVER_TIMEOUT });
        if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
        const rows = view.locator('.monaco-list-row');
        await rows.filter({ hasText: '对照县对照镇人民政府' }).first().waitFor({ timeout: SERVER_TIMEOUT });
        await rows.filter({ hasText: /2021/ }).first().waitFor({ timeout: SERVER_TIMEOUT });
        await rows.filter({ hasText: /2020/ }).first().waitFor({ timeout: SERVER_TIMEOUT });
        const pair = rows
          .filter({ hasText: /cross-2020\.xxgk/ })
          .filter({ hasText: /across years|跨年度/ })
          .first();
        await pair.waitFor({ timeout: SERVER_TIMEOUT });
        console.log(`       view: ${plain(await pair.innerText()).replace(/\s+/g, ' ')}`);
        await wb.page.screenshot({ path: 'test-results/vscode-workspace-years-view.png' });
        // Clicking the pair opens last year's file.
        await pair.click();
        await wb.page.locator('.tabs-container .tab.active', { hasText: 'cross-2020.xxgk' }).waitFor({ timeout: SERVER_TIMEOUT });
        await wb.revertAndClose();
        await header.click();
      } finally {
        rmSync(join(workspace, 'cross-2020.xxgk'), { force: true });
        rmSync(join(workspace, 'cross-2021.xxgk'), { force: true });
      }
    },
  },
];

/** Types into the Problems panel's filter (an empty text clears it). */
async function filterProblems(wb: Workbench, text: string): Promise<void> {
  const panel = await wb.problems();
  await panel.click({ position: { x: 40, y: 40 } });
  await wb.page.keyboard.press('Control+f');
  const input = wb.page.locator('.viewpane-filter-container input').first();
  await input.waitFor({ timeout: 10_000 });
  await input.fill(text);
}

/** Waits until the Problems panel lists the problems of the file `name` (a sum-rule one among them) and of no other file. */
async function onlyProblemsOf(wb: Workbench, name: string): Promise<void> {
  await wb.page.waitForFunction(
    (file) => {
      const rows = [...(globalThis as any).document.querySelectorAll('.markers-panel .monaco-list-row')] as any[];
      const files = rows.filter((r) => r.getAttribute('aria-level') === '1');
      return (
        files.length > 0 &&
        files.every((r) => (r.getAttribute('aria-label') ?? '').includes(file)) &&
        rows.some((r) => /sum-row/.test(r.textContent))
      );
    },
    name,
    { timeout: SERVER_TIMEOUT },
  );
}

/** The sum-rule rows of the Problems panel, as text. */
async function sumRows(wb: Workbench): Promise<string[]> {
  return (await wb.problemRows(/sum-/).allInnerTexts()).map((t) => plain(t).replace(/\s+/g, ' ').trim()).sort();
}
