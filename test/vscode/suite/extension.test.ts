/**
 * The extension in a real VS Code: the fixtures folder (test/fixtures/server) is the workspace.
 * Every wait is on an event (diagnostics changed), never a fixed sleep.
 */
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';

const folder = () => vscode.workspace.workspaceFolders![0].uri;
const fixtureUri = (name: string) => vscode.Uri.joinPath(folder(), name);

/** Resolves with the uri's diagnostics once they satisfy `ready` (checked now and on every change). */
function diagnosticsWhen(uri: vscode.Uri, ready: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const check = () => {
      const current = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'xxgk');
      if (!ready(current)) return false;
      listener.dispose();
      resolve(current);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    check();
  });
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

suite('政府信息公开工作年度报告 extension', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension('xxgk-tools.xxgk-annual-report')!.activate();
  });

  test('a .xxgk file is an xxgk document with the broken total reported at its cell', async () => {
    const document = await vscode.workspace.openTextDocument(fixtureUri('broken-total-2021.xxgk'));
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'xxgk');
    const diagnostics = await diagnosticsWhen(document.uri, (ds) => ds.some((d) => codeOf(d) === 'sum-row'));
    const rowSum = diagnostics.find((d) => codeOf(d) === 'sum-row')!;
    assert.equal(rowSum.range.start.line, 26);
    assert.equal(document.getText(rowSum.range), '6');
  });

  test('the preferred quick fix clears the problems', async () => {
    const document = await vscode.workspace.openTextDocument(fixtureUri('broken-total-2021.xxgk'));
    const diagnostics = await diagnosticsWhen(document.uri, (ds) => ds.length > 0);
    const rowSum = diagnostics.find((d) => codeOf(d) === 'sum-row')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      rowSum.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.isPreferred)!;
    assert.ok(fix?.edit);
    await vscode.workspace.applyEdit(fix.edit);
    await diagnosticsWhen(document.uri, (ds) => ds.length === 0);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('hover on a total shows its addends', async () => {
    const document = await vscode.workspace.openTextDocument(fixtureUri('consistent-2021.xxgk'));
    await diagnosticsWhen(document.uri, () => true);
    const line = document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('（七）总计'));
    const position = new vscode.Position(line, document.lineAt(line).text.lastIndexOf('13'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\| （一）予以公开 \| 总计 \| 5 \|/);
  });

  test('completion after （三）不予公开 offers 属于四类过程性信息', async () => {
    const document = await vscode.workspace.openTextDocument(fixtureUri('missing-rows-2021.xxgk'));
    const line =
      document
        .getText()
        .split('\n')
        .findIndex((l) => l.includes('5.属于三类内部事务信息')) + 1;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      new vscode.Position(line, 0),
    );
    assert.ok(list.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === '6.属于四类过程性信息'));
  });

  test('新建年度报告 opens a skeleton with no problems', async () => {
    const answers = ['示例县示例镇人民政府', '2023'];
    const original = vscode.window.showInputBox;
    (vscode.window as { showInputBox: typeof original }).showInputBox = async () => answers.shift();
    try {
      await vscode.commands.executeCommand('xxgk.newReport');
    } finally {
      (vscode.window as { showInputBox: typeof original }).showInputBox = original;
    }
    const document = vscode.window.activeTextEditor!.document;
    assert.equal(document.languageId, 'xxgk');
    assert.ok(document.isUntitled);
    assert.match(document.lineAt(0).text, /示例县示例镇人民政府2023年政府信息公开工作年度报告/);
    assert.deepEqual(await diagnosticsWhen(document.uri, () => true), []);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the problems of reports that are not open are listed (workspace diagnostics), and 检查工作区所有年度报告 runs', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const uri = fixtureUri('many-broken-totals-2021.xxgk');
    const waiting = new Promise<vscode.Diagnostic[]>((resolve) => {
      const now = vscode.languages.getDiagnostics(uri);
      if (now.length) return resolve(now);
      const listener = vscode.languages.onDidChangeDiagnostics(() => {
        const found = vscode.languages.getDiagnostics(uri);
        if (found.length) {
          listener.dispose();
          resolve(found);
        }
      });
    });
    await vscode.commands.executeCommand('xxgk.checkWorkspace');
    const diagnostics = await waiting;
    assert.ok(diagnostics.filter((d) => codeOf(d).startsWith('sum-')).length >= 5);
  });
});
