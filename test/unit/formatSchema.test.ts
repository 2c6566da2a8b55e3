/** format.json, the one data file every feature reads, checked against its JSON schema (format.schema.json). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { ROOT } from './helpers';

const dir = join(ROOT, 'server', 'src', 'report');
const schema = JSON.parse(readFileSync(join(dir, 'format.schema.json'), 'utf8'));
const format = JSON.parse(readFileSync(join(dir, 'format.json'), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);

describe('format.json', () => {
  it('is valid against format.schema.json', () => {
    assert.ok(validate(format), JSON.stringify(validate.errors, null, 1));
  });

  it('the schema rejects what would break the engine', () => {
    const broken = (edit: (f: typeof format) => void) => {
      const f = structuredClone(format);
      edit(f);
      return validate(f);
    };
    assert.equal(
      broken((f) => f.sections.pop()),
      false,
      'five sections',
    );
    assert.equal(
      broken((f) => (f.formats['2021'].table3.columns[0] = ['naturalPerson'])),
      false,
      'a column without its label',
    );
    assert.equal(
      broken((f) => (f.formats['2019'].table3.rows[0].key = 'New Row')),
      false,
      'a key that is not a code name',
    );
    assert.equal(
      broken((f) => (f.formats['2021'].table4.groups[0][0] = 'appeal')),
      false,
      'an unknown table 四 group',
    );
    assert.equal(
      broken((f) => (f.labelVariants['自然人'] = '个人')),
      false,
      'variants not in a list',
    );
    assert.equal(
      broken((f) => (f.extra = 1)),
      false,
      'an unknown top-level field',
    );
  });

  it('keys are unique within each table and sections are numbered 1…6 in order', () => {
    assert.deepEqual(
      format.sections.map((s: { number: number }) => s.number),
      [1, 2, 3, 4, 5, 6],
    );
    for (const v of ['2019', '2021']) {
      const f = format.formats[v];
      const unique = (keys: string[], what: string) => assert.equal(new Set(keys).size, keys.length, `${v} ${what}: keys unique`);
      unique(
        f.table3.rows.map((r: { key: string }) => r.key),
        'table 三 rows',
      );
      unique(
        f.table3.columns.map((c: string[]) => c[0]),
        'table 三 columns',
      );
      unique(
        f.table4.columns.map((c: string[]) => c[0]),
        'table 四 columns',
      );
      unique(
        f.table2.flatMap((t: { rows: string[][] }) => t.rows.map((r) => r[0])),
        'table 二 rows',
      );
    }
  });
});
