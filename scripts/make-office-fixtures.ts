/**
 * Makes the office fixtures (test/fixtures/office): the generated reports of test/unit/officeGen.ts
 * (OFFICE_FIXTURES) as .docx, exported to PDF by LibreOffice Writer (Debian's libreoffice-writer-nogui:
 * `soffice --headless --convert-to pdf`), as a body exports its Word report to publish it: each cell's
 * text at the cell's top, long labels wrapped over several lines in narrow cells, the tables ruled,
 * broken across pages. The .docx files are not kept (the tests make them again from the seeds).
 *
 *   node --import tsx scripts/make-office-fixtures.ts [NAME…]
 *
 * makes the fixtures named (all of them without a name); SOFFICE names LibreOffice's soffice when it is
 * not on the PATH.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wordDocx } from '../test/unit/ioGen';
import { OFFICE_FIXTURES, numberedDocx, officeCase, templateDocx } from '../test/unit/officeGen';

const OUT = join(import.meta.dirname, '..', 'test', 'fixtures', 'office');

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'xxgk-office-'));
  try {
    const names = process.argv.slice(2);
    const unknown = names.filter((n) => !OFFICE_FIXTURES.some((f) => f.name === n));
    if (unknown.length) throw new Error(`no such fixture: ${unknown.join(', ')}`);
    for (const f of OFFICE_FIXTURES.filter((g) => !names.length || names.includes(g.name))) {
      const { parts } = officeCase(f);
      const docx = join(work, `${f.name}.docx`);
      const bytes =
        f.docx === 'plain'
          ? await wordDocx(parts)
          : f.docx === 'template'
            ? await templateDocx(parts)
            : await numberedDocx(parts, f.docx === 'hanging');
      writeFileSync(docx, bytes);
      // (A profile of its own: no user's LibreOffice settings, nor one running already.)
      execFileSync(
        process.env.SOFFICE ?? 'soffice',
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
