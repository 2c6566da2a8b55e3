/** The manifest's lists are made from the engine's: a rule added to one and not the other fails here. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_SEVERITY, RULE_CODES } from '../../server/src/report/index';
import { ROOT } from './helpers';

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('manifest and rule table', () => {
  it('xxgk.severity lists exactly the engine rule codes, in the same order', () => {
    const names = manifest.contributes.configuration.properties['xxgk.severity'].propertyNames.enum;
    assert.deepEqual(names, RULE_CODES);
  });

  it('every rule code has a default severity', () => {
    for (const code of RULE_CODES) assert.ok(['error', 'warning', 'information', 'hint'].includes(DEFAULT_SEVERITY[code]), code);
  });
});
