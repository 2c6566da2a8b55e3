/**
 * Workspace benchmark over stdio: a temporary folder of report files (real samples as .txt, web
 * pages and Word files rendered by the test generators, the generated PDF), then
 * - the first `workspace/diagnostic` answer after `initialize` (every file read and checked), and
 *   files per second;
 * - one file changed on disk: from the watcher event to the held pull's answer;
 * - the server's memory (RSS) holding them.
 * Needs `npm run build` first. Run: `node --import tsx scripts/bench-workspace.ts [reports]`.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol';
import { LspClient, ROOT, SAMPLES } from '../test/protocol/lspClient';
import { cmsHtml, consistentValues, reportParts, wordDocx } from '../test/unit/ioGen';

const TEXTS = Number(process.argv[2] ?? 200);
const PAGES = Math.ceil(TEXTS / 10);
const SAMPLE_NAMES = ['000_716a350312c1a089.txt', '001_06d18ea68e74cc84.txt', '003_fbd623e0f7a449c7.txt', '004_7e630d27dccc3614.txt'];

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-bench-ws-'));
  try {
    for (let i = 0; i < TEXTS; i++) copyFileSync(join(SAMPLES, SAMPLE_NAMES[i % SAMPLE_NAMES.length]), join(dir, `report-${i}.txt`));
    for (let i = 0; i < PAGES; i++) {
      const parts = reportParts(`示例县第${i}镇人民政府`, 2023, '2021', consistentValues('2021', i));
      writeFileSync(join(dir, `page-${i}.html`), cmsHtml(parts));
      writeFileSync(join(dir, `word-${i}.docx`), await wordDocx(parts));
    }
    for (let i = 0; i < PAGES / 2; i++) copyFileSync(resolve(ROOT, 'test/fixtures/pdf/generated-2021.pdf'), join(dir, `pdf-${i}.pdf`));
    const files = TEXTS + PAGES * 2 + Math.ceil(PAGES / 2);

    const started = performance.now();
    const client = await LspClient.start({ pull: true, workspaceFolders: [pathToFileURL(dir).href] });
    const first = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
    const firstMs = performance.now() - started;

    const changed = join(dir, 'report-0.txt');
    const held = client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', {
      previousResultIds: first.items.map((i) => ({ uri: i.uri, value: i.resultId! })),
    });
    writeFileSync(changed, readFileSync(changed, 'utf8').replace('年', '年 '));
    const sent = performance.now();
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(changed).href, type: 2 }],
    });
    const update = await held;
    const updateMs = performance.now() - sent;
    const status = readFileSync(`/proc/${client.process.pid}/status`, 'utf8');
    const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
    await client.stop();
    const round = (n: number) => Math.round(n * 10) / 10;
    console.log(
      JSON.stringify(
        {
          files,
          reported: first.items.length,
          'first workspace pull (ms)': round(firstMs),
          'files per second': round((files * 1000) / firstMs),
          'one file changed → pull answered (ms)': round(updateMs),
          'files in that answer, full': update.items.filter((i) => i.kind === 'full').length,
          'server RSS (MiB)': round(rss),
        },
        null,
        2,
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
