import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../../src/db/database';
import {
  checkCoachPin,
  countPinWait,
  getPinState,
  resealCoachPin,
  setCoachPin,
  type PinState,
} from '../../../src/db/repositories/coach-pin';
import { getDataKey, getLockState, lock, setDataKey } from '../../../src/db/encryption/session-key';
import { fromBase64, randomBytes, toBase64 } from '../../../src/lib/crypto';
import { derivePinHash, hashPinTheOldWay } from '../../../src/lib/pin';
import { DAY, FakePinPage, HOUR, MINUTE } from '../../support/pin-time';
import { fieldErrorsOf, freshDb } from './fixtures';

// 200,000 PBKDF2 rounds per try would make these tests slow; the rounds are not what they
// test (tests/unit/lib/pin.test.ts checks the real figure).
vi.mock('../../../src/lib/pin', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/lib/pin')>()),
  PIN_ITERATIONS: 1000,
}));

let page: FakePinPage;
/** A copy of the data key the test started with, to unlock again after the app locks. */
let dataKey: Uint8Array;

beforeEach(async () => {
  await freshDb();
  page = new FakePinPage();
  dataKey = new Uint8Array(getDataKey() ?? randomBytes(32));
});

const storedPin = async () =>
  (await getDb().settings.get('coachPin'))?.value as Record<string, unknown>;
const stateNow = () => getPinState(page.time);
const check = (pin: string, on: FakePinPage = page) => checkCoachPin(pin, on.time);

async function wrongTries(count: number, on: FakePinPage = page) {
  const results = [];
  for (let i = 0; i < count; i++) {
    const result = await check('0000', on);
    results.push(result);
    // Wait out whatever wait this try brought, by the page's own clock.
    if (!result.ok && result.reason === 'wrong') on.pass(result.waitMs);
  }
  return results;
}

function unlockAgain() {
  setDataKey(new Uint8Array(dataKey));
}

const fresh: PinState = { status: 'set', failures: 0, triesLeft: 10, waitMs: 0 };

describe('setCoachPin', () => {
  it('keeps the PIN only sealed under the data key: neither the digits nor its hash are stored', async () => {
    expect(await stateNow()).toEqual({ ...fresh, status: 'not-set' });

    await setCoachPin('4826', null, page.time);

    const stored = await storedPin();
    expect(stored).toMatchObject({ version: 2, algorithm: 'PBKDF2-SHA-256' });
    expect(stored).not.toHaveProperty('hash');
    const json = JSON.stringify(stored);
    expect(json).not.toContain('4826');
    // The hash an attacker with a copy of the database would test guesses against.
    const hash = await derivePinHash(
      '4826',
      fromBase64(String(stored.salt)),
      Number(stored.iterations),
    );
    expect(json).not.toContain(toBase64(hash));
    expect(await stateNow()).toEqual(fresh);
    expect(await check('4826')).toEqual({ ok: true });
  });

  it('cannot be checked without the data key it was sealed under', async () => {
    await setCoachPin('4826', null, page.time);

    lock();
    await expect(check('4826')).rejects.toThrow('The app is locked');
    setDataKey(randomBytes(32)); // another data key (another device's, say)
    expect(await stateNow()).toMatchObject({ status: 'unreadable' });
    expect(await check('4826')).toEqual({ ok: false, reason: 'unreadable' });
    expect(await stateNow()).toMatchObject({ failures: 0 });

    lock();
    unlockAgain();
    expect(await check('4826')).toEqual({ ok: true });
  });

  it.each(['', '123', '123456789', '12a4', '12 34'])(
    'refuses %j as a PIN and stores nothing',
    async (pin) => {
      expect(await fieldErrorsOf(setCoachPin(pin, null, page.time))).toEqual({
        pin: 'Use 4 to 8 digits.',
      });
      expect(await getDb().settings.count()).toBe(0);
    },
  );

  it('is refused while the app is locked', async () => {
    lock();
    await expect(setCoachPin('4826', null, page.time)).rejects.toThrow('The app is locked');
    unlockAgain();
    expect(await getDb().settings.count()).toBe(0);
  });

  it('needs the current PIN to change it, without counting an empty one as a try', async () => {
    await setCoachPin('4826', null, page.time);
    expect(await fieldErrorsOf(setCoachPin('1111', null, page.time))).toEqual({
      currentPin: 'Enter your current PIN.',
    });
    expect(await fieldErrorsOf(setCoachPin('1111', '', page.time))).toEqual({
      currentPin: 'Enter your current PIN.',
    });
    expect((await stateNow()).failures).toBe(0);
    expect(await check('4826')).toEqual({ ok: true });
  });

  it('counts a wrong current PIN as a wrong try and keeps the old PIN', async () => {
    await setCoachPin('4826', null, page.time);
    const before = await storedPin();

    expect(await fieldErrorsOf(setCoachPin('1111', '9999', page.time))).toEqual({
      currentPin: 'That PIN is not right. 9 tries left before the app locks.',
    });

    expect(await storedPin()).toEqual(before);
    expect(await stateNow()).toMatchObject({ failures: 1 });
  });

  it('changes the PIN with the right current one and clears the wrong tries', async () => {
    await setCoachPin('4826', null, page.time);
    await wrongTries(2);

    await setCoachPin('13572468', '4826', page.time);

    expect(await stateNow()).toEqual(fresh);
    expect(await check('13572468')).toEqual({ ok: true });
    expect(await check('4826')).toEqual({
      ok: false,
      reason: 'wrong',
      triesLeft: 9,
      waitMs: 0,
    });
  });

  it('cannot change the PIN during a wait, even with the right current one', async () => {
    await setCoachPin('4826', null, page.time);
    await wrongTries(3);
    await check('0000'); // the fourth: a one-minute wait
    page.pass(6_000);
    expect(await fieldErrorsOf(setCoachPin('1111', '4826', page.time))).toEqual({
      currentPin: 'Too many wrong tries. Try again in 54 seconds.',
    });
  });

  it('replaces a PIN used up by wrong tries, or unreadable, without the old one', async () => {
    await setCoachPin('4826', null, page.time);
    await wrongTries(10);
    unlockAgain();
    expect(await stateNow()).toMatchObject({ status: 'spent', triesLeft: 0 });

    await setCoachPin('2468', null, page.time);
    expect(await stateNow()).toEqual(fresh);

    lock();
    setDataKey(randomBytes(32));
    await setCoachPin('1357', null, page.time);
    expect(await check('1357')).toEqual({ ok: true });
  });
});

describe('checkCoachPin', () => {
  it('says when no PIN is set', async () => {
    expect(await check('1234')).toEqual({ ok: false, reason: 'not-set' });
  });

  it('makes each try after the third wrong one wait longer: 1 minute, 5, 15, 1 hour, 4 hours', async () => {
    await setCoachPin('4826', null, page.time);
    const results = await wrongTries(9);
    expect(results).toEqual([
      { ok: false, reason: 'wrong', triesLeft: 9, waitMs: 0 },
      { ok: false, reason: 'wrong', triesLeft: 8, waitMs: 0 },
      { ok: false, reason: 'wrong', triesLeft: 7, waitMs: 0 },
      { ok: false, reason: 'wrong', triesLeft: 6, waitMs: MINUTE },
      { ok: false, reason: 'wrong', triesLeft: 5, waitMs: 5 * MINUTE },
      { ok: false, reason: 'wrong', triesLeft: 4, waitMs: 15 * MINUTE },
      { ok: false, reason: 'wrong', triesLeft: 3, waitMs: HOUR },
      { ok: false, reason: 'wrong', triesLeft: 2, waitMs: 4 * HOUR },
      { ok: false, reason: 'wrong', triesLeft: 1, waitMs: 4 * HOUR },
    ]);
  });

  it('checks no PIN during a wait, not even the right one, and keeps the count when it ends', async () => {
    await setCoachPin('4826', null, page.time);
    await wrongTries(3);
    expect(await check('0000')).toMatchObject({ reason: 'wrong', waitMs: MINUTE });

    page.pass(59_000);
    expect(await check('4826')).toEqual({
      ok: false,
      reason: 'waiting',
      triesLeft: 6,
      waitMs: 1_000,
    });
    page.pass(1_000);
    expect(await stateNow()).toMatchObject({ failures: 4, triesLeft: 6, waitMs: 0 });
    // The count did not go back to 0 when the wait ended: the next wrong one waits 5 minutes.
    expect(await check('0000')).toEqual({
      ok: false,
      reason: 'wrong',
      triesLeft: 5,
      waitMs: 5 * MINUTE,
    });
  });

  it('does not shorten a wait when the clock is moved forward or back and the page reloaded', async () => {
    await setCoachPin('4826', null, page.time);
    await wrongTries(6); // the sixth brought a 15-minute wait; the test waited it out
    expect(await check('0000')).toMatchObject({ reason: 'wrong', waitMs: HOUR });
    page.pass(10 * MINUTE);
    expect(await countPinWait(page.time)).toEqual({ waitMs: 50 * MINUTE, triesLeft: 3 });

    // The clock moved a day forward, then a reload: the time "passed" is not counted.
    const forward = page.reload(DAY);
    expect(await check('4826', forward)).toMatchObject({ reason: 'waiting', waitMs: 50 * MINUTE });

    // Moved back two days, then a reload: no time passes until the clock is past where it was.
    const back = forward.reload(-2 * DAY);
    expect(await check('4826', back)).toMatchObject({ reason: 'waiting', waitMs: 50 * MINUTE });
    back.pass(49 * MINUTE);
    expect(await check('4826', back)).toMatchObject({ reason: 'waiting', waitMs: 50 * MINUTE });

    // Real time passing in an open page is what ends it.
    const honest = back.reload(2 * DAY);
    await countPinWait(honest.time);
    honest.pass(49 * MINUTE);
    expect(await check('4826', honest)).toMatchObject({ reason: 'waiting', waitMs: MINUTE });
    honest.pass(MINUTE);
    expect(await check('4826', honest)).toEqual({ ok: true });
    expect(await stateNow()).toMatchObject({ failures: 0 });
  });

  it('keeps the count and the wait after the database is closed and opened again', async () => {
    await setCoachPin('4826', null, page.time);
    await wrongTries(3);
    await check('0000');

    getDb().close();
    await getDb().open();

    expect(await check('4826')).toMatchObject({ reason: 'waiting', waitMs: MINUTE });
    expect(await stateNow()).toMatchObject({ failures: 4 });
  });

  it('uses the PIN up at the tenth wrong try in a row: the hand-over ends and the app locks', async () => {
    await setCoachPin('4826', null, page.time);
    await getDb().settings.put({
      key: 'handover',
      value: { youngPersonId: 'someone', startedAt: '2026-11-23T10:00:00.000Z' },
    });

    const results = await wrongTries(10);

    expect(results.at(-1)).toEqual({ ok: false, reason: 'spent' });
    expect(getLockState()).toBe('locked');
    expect(await getDb().settings.get('handover')).toBeUndefined();
    expect((await getDb().settings.get('handoverEndAtUnlock'))?.value).toBe('wrong-pins');

    unlockAgain(); // the passphrase
    expect(await stateNow()).toMatchObject({ status: 'spent', triesLeft: 0 });
    expect(await check('4826')).toEqual({ ok: false, reason: 'spent' });
  });

  it('clears the count after a right PIN', async () => {
    await setCoachPin('4826', null, page.time);
    await wrongTries(3);
    expect(await check('4826')).toEqual({ ok: true });
    expect(await stateNow()).toEqual(fresh);
  });

  it('counts a malformed PIN as a wrong try', async () => {
    await setCoachPin('4826', null, page.time);
    expect(await check('48')).toEqual({ ok: false, reason: 'wrong', triesLeft: 9, waitMs: 0 });
  });
});

describe('a PIN stored before issue 13 (its hash in plain sight)', () => {
  it('still works, and is sealed the first time it is used', async () => {
    const old = await hashPinTheOldWay('4826');
    await getDb().settings.put({ key: 'coachPin', value: old });
    expect(await stateNow()).toEqual(fresh);

    expect(await check('4826')).toEqual({ ok: true });

    const stored = await storedPin();
    expect(stored).toMatchObject({ version: 2, salt: old.salt, iterations: old.iterations });
    expect(JSON.stringify(stored)).not.toContain(old.hash);
    expect(await check('1111')).toMatchObject({ reason: 'wrong' });
    expect(await check('4826')).toEqual({ ok: true });
  });

  it('is sealed even when the first try is wrong', async () => {
    const old = await hashPinTheOldWay('4826');
    await getDb().settings.put({ key: 'coachPin', value: old });
    expect(await check('1111')).toMatchObject({ reason: 'wrong', triesLeft: 9 });
    expect(JSON.stringify(await storedPin())).not.toContain(old.hash);
  });
});

describe('resealCoachPin', () => {
  it('keeps the PIN working when the data key is replaced', async () => {
    await setCoachPin('4826', null, page.time);
    const newKey = randomBytes(32);
    const db = getDb();
    await db.transaction('rw', db.settings, () => resealCoachPin(dataKey, newKey));

    lock();
    setDataKey(new Uint8Array(newKey));
    expect(await check('4826')).toEqual({ ok: true });
  });
});
