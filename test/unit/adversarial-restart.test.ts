/**
 * The client's restart policy (client/src/restartPolicy.ts, used by extension.ts's errorHandler):
 * a server that dies is restarted a bounded number of times, the user told once that it was
 * restarted and once that it was given up, never a message per crash and never a loop.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RestartPolicy } from '../../client/src/restartPolicy';

describe('client restart policy', () => {
  it('restarts, telling the user only the first time', () => {
    let now = 0;
    const policy = new RestartPolicy(4, 180_000, () => now);
    const decisions = Array.from({ length: 4 }, () => {
      now += 1000;
      return policy.closed();
    });
    assert.deepEqual(
      decisions.map((d) => d.restart),
      [true, true, true, true],
    );
    assert.deepEqual(
      decisions.map((d) => d.notify),
      ['restarted', null, null, null],
    );
  });

  it('gives up after too many crashes in the window, says so once, and stays down', () => {
    let now = 0;
    const policy = new RestartPolicy(4, 180_000, () => now);
    const decisions = Array.from({ length: 8 }, () => {
      now += 1000;
      return policy.closed();
    });
    assert.deepEqual(
      decisions.map((d) => d.restart),
      [true, true, true, true, false, false, false, false],
    );
    assert.deepEqual(decisions.filter((d) => d.notify === 'gaveUp').length, 1);
    assert.deepEqual(decisions.filter((d) => d.notify !== null).length, 2);
  });

  it('crashes far apart never exhaust the restarts', () => {
    let now = 0;
    const policy = new RestartPolicy(2, 60_000, () => now);
    for (let i = 0; i < 50; i++) {
      now += 61_000;
      assert.equal(policy.closed().restart, true);
    }
  });
});
