import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../src/db/database';
import {
  checkCoachPin,
  getPinState,
  setCoachPin,
  type StoredPin,
} from '../../../src/db/repositories/coach-pin';
import { NOW, fieldErrorsOf, freshDb } from './fixtures';

beforeEach(freshDb);

const later = (ms: number) => new Date(NOW.getTime() + ms);
const storedPin = async () => (await getDb().settings.get('coachPin'))?.value as StoredPin;
const attempts = async () => (await getDb().settings.get('pinAttempts'))?.value;

async function wrongTries(count: number, now = NOW) {
  const results = [];
  for (let i = 0; i < count; i++) results.push(await checkCoachPin('0000', now));
  return results;
}

describe('setCoachPin', () => {
  it('stores only a salted hash of a new PIN', async () => {
    expect(await getPinState(NOW)).toEqual({ isSet: false, lockedUntil: null, failures: 0 });

    await setCoachPin('4826', null, NOW);

    const stored = await storedPin();
    expect(stored).toMatchObject({ algorithm: 'PBKDF2-SHA-256', iterations: 200_000 });
    expect(JSON.stringify(stored)).not.toContain('4826');
    expect(await getPinState(NOW)).toEqual({ isSet: true, lockedUntil: null, failures: 0 });
    expect(await checkCoachPin('4826', NOW)).toEqual({ ok: true });
  });

  it.each(['', '123', '123456789', '12a4', '12 34'])(
    'refuses %j as a PIN and stores nothing',
    async (pin) => {
      expect(await fieldErrorsOf(setCoachPin(pin, null, NOW))).toEqual({
        pin: 'Use 4 to 8 digits.',
      });
      expect(await getDb().settings.count()).toBe(0);
    },
  );

  it('needs the current PIN to change it, without counting an empty one as a try', async () => {
    await setCoachPin('4826', null, NOW);
    expect(await fieldErrorsOf(setCoachPin('1111', null, NOW))).toEqual({
      currentPin: 'Enter your current PIN.',
    });
    expect(await fieldErrorsOf(setCoachPin('1111', '', NOW))).toEqual({
      currentPin: 'Enter your current PIN.',
    });
    expect((await getPinState(NOW)).failures).toBe(0);
    expect(await checkCoachPin('4826', NOW)).toEqual({ ok: true });
  });

  it('counts a wrong current PIN as a wrong try and keeps the old PIN', async () => {
    await setCoachPin('4826', null, NOW);
    const before = await storedPin();

    expect(await fieldErrorsOf(setCoachPin('1111', '9999', NOW))).toEqual({
      currentPin: 'That PIN is not right. 4 tries left.',
    });

    expect(await storedPin()).toEqual(before);
    expect(await getPinState(NOW)).toMatchObject({ failures: 1 });
  });

  it('checks the new PIN before trying the current one', async () => {
    await setCoachPin('4826', null, NOW);
    expect(await fieldErrorsOf(setCoachPin('12', '9999', NOW))).toEqual({
      pin: 'Use 4 to 8 digits.',
    });
    expect((await getPinState(NOW)).failures).toBe(0);
  });

  it('changes the PIN with the right current one and clears the wrong tries', async () => {
    await setCoachPin('4826', null, NOW);
    await wrongTries(3);

    await setCoachPin('13572468', '4826', NOW);

    expect(await getPinState(NOW)).toEqual({ isSet: true, lockedUntil: null, failures: 0 });
    expect(await checkCoachPin('13572468', NOW)).toEqual({ ok: true });
    expect(await checkCoachPin('4826', NOW)).toEqual({
      ok: false,
      reason: 'wrong',
      triesLeft: 4,
    });
  });

  it('cannot change a locked PIN, even with the right current one', async () => {
    await setCoachPin('4826', null, NOW);
    await wrongTries(5);
    expect(await fieldErrorsOf(setCoachPin('1111', '4826', later(6_000)))).toEqual({
      currentPin: 'Too many wrong tries. Try again in 54 seconds.',
    });
    expect(await checkCoachPin('1111', later(61_000))).toMatchObject({ reason: 'wrong' });
  });
});

describe('checkCoachPin', () => {
  it('says when no PIN is set', async () => {
    expect(await checkCoachPin('1234', NOW)).toEqual({ ok: false, reason: 'not-set' });
  });

  it('counts down the tries left, then locks for 60 seconds on the fifth wrong try', async () => {
    await setCoachPin('4826', null, NOW);

    const results = await wrongTries(5);

    const lockedUntil = later(60_000).toISOString();
    expect(results).toEqual([
      { ok: false, reason: 'wrong', triesLeft: 4 },
      { ok: false, reason: 'wrong', triesLeft: 3 },
      { ok: false, reason: 'wrong', triesLeft: 2 },
      { ok: false, reason: 'wrong', triesLeft: 1 },
      { ok: false, reason: 'locked', lockedUntil },
    ]);
    expect(await getPinState(later(1_000))).toEqual({ isSet: true, lockedUntil, failures: 5 });
  });

  it('refuses even the right PIN while locked, and accepts it once the minute is up', async () => {
    await setCoachPin('4826', null, NOW);
    await wrongTries(5);
    const lockedUntil = later(60_000).toISOString();

    expect(await checkCoachPin('4826', later(59_999))).toEqual({
      ok: false,
      reason: 'locked',
      lockedUntil,
    });
    expect(await checkCoachPin('4826', later(60_000))).toEqual({ ok: true });
    expect(await getPinState(later(60_000))).toEqual({
      isSet: true,
      lockedUntil: null,
      failures: 0,
    });
  });

  it('gives five fresh tries after a lock ends', async () => {
    await setCoachPin('4826', null, NOW);
    await wrongTries(5);
    expect(await getPinState(later(60_000))).toMatchObject({ lockedUntil: null, failures: 0 });
    expect(await checkCoachPin('0000', later(60_000))).toEqual({
      ok: false,
      reason: 'wrong',
      triesLeft: 4,
    });
  });

  it('keeps the lock after the database is closed and opened again (a reload)', async () => {
    await setCoachPin('4826', null, NOW);
    await wrongTries(5);

    getDb().close();
    await getDb().open();

    expect(await checkCoachPin('4826', later(30_000))).toMatchObject({ reason: 'locked' });
    expect(await attempts()).toEqual({
      failures: 5,
      lockedUntil: later(60_000).toISOString(),
    });
  });

  it('resets the count after a right PIN, so only five wrong tries in a row lock it', async () => {
    await setCoachPin('4826', null, NOW);
    await wrongTries(4);
    expect(await checkCoachPin('4826', NOW)).toEqual({ ok: true });
    expect(await attempts()).toEqual({ failures: 0, lockedUntil: null });

    const results = await wrongTries(4);
    expect(results.at(-1)).toEqual({ ok: false, reason: 'wrong', triesLeft: 1 });
  });

  it('counts a malformed PIN as a wrong try', async () => {
    await setCoachPin('4826', null, NOW);
    expect(await checkCoachPin('48', NOW)).toEqual({ ok: false, reason: 'wrong', triesLeft: 4 });
  });
});
