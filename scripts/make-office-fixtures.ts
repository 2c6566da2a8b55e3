/**
 * Makes the office fixtures (test/fixtures/office): the generated reports of test/unit/officeGen.ts
 * (OFFICE_FIXTURES) as .docx, exported to PDF by LibreOffice Writer (Debian's libreoffice-writer-nogui:
 * `soffice --headless --convert-to pdf`), as a body exports its Word report to publish it: each cell's
 * text at the cell's top, long labels wrapped over several lines in narrow cells, the tables ruled,
 * broken across pages. The .docx files are not kept (the tests make them again from the seeds).
 *
 *   node --import tsx scripts/make-office-fixtures.ts [path/to/soffice]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wordDocx } from '../test/unit/ioGen';
import { OFFICE_FIXTURES, numberedDocx, officeCase } from '../test/unit/officeGen';

const OUT = join(import.meta.dirname, '..', 'test', 'fixtures', 'office');

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'xxgk-office-'));
  try {
    for (const f of OFFICE_FIXTURES) {
      const { parts } = officeCase(f);
      const docx = join(work, `${f.name}.docx`);
      writeFileSync(docx, f.docx === 'numbered' ? await numberedDocx(parts) : await wordDocx(parts));
      // (A profile of its own: no user's LibreOffice settings, nor one running already.)
      execFileSync(
        process.argv[2] ?? 'soffice',
        [`-env:UserInstallation=file://${join(work, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', work, docx],
        { stdio: 'ignore' },
      );
      renameSync(join(work, `${f.name}.pdf`), join(OUT, `${f.name}.pdf`));
      console.log(`${f.name}.pdf`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
