/**
 * The TextMate grammar, tokenized with VS Code's own engine (vscode-textmate + Oniguruma), on the
 * canonical fixture and on a real sample: every pattern compiles and each kind of text gets its scope.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';
import { ROOT, fixture, sample } from './lspClient';

async function loadGrammar(): Promise<IGrammar> {
  const wasm = readFileSync(resolve(ROOT, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new oniguruma.OnigScanner(p),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () => parseRawGrammar(readFileSync(resolve(ROOT, 'syntaxes/xxgk.tmLanguage.json'), 'utf8'), 'xxgk.tmLanguage.json'),
  });
  return (await registry.loadGrammar('text.xxgk'))!;
}

/** Scope → texts of the tokens that have it (any of each token's scopes). */
function scopesOf(grammar: IGrammar, text: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  let state = INITIAL;
  for (const line of text.split(/\r?\n/)) {
    const result = grammar.tokenizeLine(line, state);
    for (const token of result.tokens) {
      for (const scope of token.scopes.slice(1))
        found.set(scope, [...(found.get(scope) ?? []), line.slice(token.startIndex, token.endIndex)]);
    }
    state = result.ruleStack;
  }
  return found;
}

const has = (scopes: Map<string, string[]>, prefix: string, text: string) =>
  [...scopes].some(([scope, texts]) => scope.startsWith(prefix) && texts.some((t) => t.trim() === text));

describe('TextMate grammar', () => {
  it('scopes headings, row labels, numbers, totals and notes in the canonical layout', async () => {
    const grammar = await loadGrammar();
    const scopes = scopesOf(grammar, fixture('consistent-2021.xxgk').text);
    assert.ok(has(scopes, 'markup.heading.title', '示例县示例镇人民政府2023年政府信息公开工作年度报告'));
    assert.ok(has(scopes, 'markup.heading', '收到和处理政府信息公开申请情况'));
    assert.ok(has(scopes, 'markup.heading.numeral', '三、'));
    assert.ok(has(scopes, 'entity.name.type.row.group', '（一）予以公开'));
    assert.ok(has(scopes, 'variable.other.row.item', '6.属于四类过程性信息'));
    assert.ok(has(scopes, 'keyword.other.total', '（七）总计'));
    assert.ok(has(scopes, 'keyword.other.total', '四、结转下年度继续办理'));
    assert.ok(has(scopes, 'comment.block.note', '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'));
    assert.ok(has(scopes, 'constant.numeric', '13'));
    assert.ok(has(scopes, 'entity.name.tag.caption', '第二十条第（一）项'));
  });

  it('scopes Markdown-marked headings of a real report', async () => {
    const grammar = await loadGrammar();
    const scopes = scopesOf(grammar, sample('002_6fc8599f0ec6fb91.txt').text);
    assert.ok(has(scopes, 'markup.heading.numeral', '一、'));
    assert.ok(has(scopes, 'punctuation.definition.heading', '###'));
  });
});
