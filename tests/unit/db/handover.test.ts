import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../../src/db/database';
import {
  setUpEncryption,
  unlock,
  unlockWithRecovery,
} from '../../../src/db/encryption/lock-control';
import { checkEncryptionSetUp } from '../../../src/db/encryption/lock-settings';
import {
  PassphraseNeededError,
  getDataKey,
  getLockState,
  lock,
  setDataKey,
} from '../../../src/db/encryption/session-key';
import {
  PinNeededError,
  checkCoachPin,
  getPinState,
  setCoachPin,
} from '../../../src/db/repositories/coach-pin';
import {
  endHandover,
  getHandover,
  requestHandoverEnd,
  startHandover,
} from '../../../src/db/repositories/handover';
import { finishRequestedHandoverEnd } from '../../../src/db/repositories/handover-end';
import { hashPinTheOldWay } from '../../../src/lib/pin';
import { FakePinPage, HOUR, MINUTE } from '../../support/pin-time';
import { NOW, addYoungPerson, freshDb } from './fixtures';

// Fewer rounds keep these tests quick; tests/unit/lib/pin.test.ts and
// tests/unit/db/encryption/keyring-real-kdf.test.ts check the real figures.
vi.mock('../../../src/lib/pin', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/lib/pin')>()),
  PIN_ITERATIONS: 1000,
}));
vi.mock('../../../src/lib/crypto', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/lib/crypto')>()),
  PBKDF2_ITERATIONS: 1000,
}));

let page: FakePinPage;
beforeEach(async () => {
  await freshDb();
  page = new FakePinPage();
});

const later = (ms: number) => new Date(NOW.getTime() + ms);

async function closeCase(id: string) {
  await getDb().youngPeople.update(id, {
    status: 'closed',
    closedOn: '2026-11-01',
    closureReason: 'Goals met',
  });
}

describe('startHandover', () => {
  it('hands the device to an open case once a PIN is set', async () => {
    const mia = await addYoungPerson('Mia');
    await setCoachPin('4826', null, page.time);
    expect(await getHandover()).toBeNull();

    const handover = await startHandover(mia.id, NOW);

    expect(handover).toEqual({ youngPersonId: mia.id, startedAt: NOW.toISOString() });
    expect(await getHandover()).toEqual(handover);
    expect((await getDb().settings.get('handover'))?.value).toEqual(handover);
  });

  it('refuses without a coach PIN', async () => {
    const mia = await addYoungPerson('Mia');
    const refused = startHandover(mia.id, NOW);
    await expect(refused).rejects.toThrow(PinNeededError);
    await expect(refused).rejects.toThrow('Set a coach PIN in Settings before handing over.');
    expect(await getHandover()).toBeNull();
  });

  it('refuses with a PIN used up by wrong tries, or one sealed under another data key', async () => {
    const mia = await addYoungPerson('Mia');
    await setCoachPin('4826', null, page.time);
    await getDb().settings.put({
      key: 'pinAttempts',
      value: { failures: 10, waitLeftMs: 0, seenAt: 0, since: 0 },
    });
    await expect(startHandover(mia.id, NOW)).rejects.toThrow(/no longer works/);

    await setCoachPin('4826', null, page.time);
    const key = new Uint8Array(getDataKey() ?? []);
    lock();
    setDataKey(crypto.getRandomValues(new Uint8Array(32)));
    await expect(startHandover(mia.id, NOW)).rejects.toThrow(PinNeededError);
    lock();
    setDataKey(key);
    expect(await getHandover()).toBeNull();
  });

  it('seals a PIN stored the old way as it hands over', async () => {
    const mia = await addYoungPerson('Mia');
    const old = await hashPinTheOldWay('4826');
    await getDb().settings.put({ key: 'coachPin', value: old });

    await startHandover(mia.id, NOW);

    expect(JSON.stringify((await getDb().settings.get('coachPin'))?.value)).not.toContain(old.hash);
    expect(await endHandover('4826', page.time)).toEqual({ ok: true });
  });

  it('refuses for a young person who is not there or whose case is closed', async () => {
    await setCoachPin('4826', null, page.time);
    await expect(startHandover('no-such-id', NOW)).rejects.toThrow(
      'This young person is no longer in the caseload.',
    );
    const mia = await addYoungPerson('Mia');
    await closeCase(mia.id);
    await expect(startHandover(mia.id, NOW)).rejects.toThrow(
      'This case is closed: reopen it to hand over.',
    );
    expect(await getHandover()).toBeNull();
  });

  it("keeps one young person's space: the same one again changes nothing, another is refused", async () => {
    const mia = await addYoungPerson('Mia');
    const sam = await addYoungPerson('Sam');
    await setCoachPin('4826', null, page.time);
    const first = await startHandover(mia.id, NOW);

    expect(await startHandover(mia.id, later(5_000))).toEqual(first);
    await expect(startHandover(sam.id, NOW)).rejects.toThrow(
      "Another young person's space is open. Give it back with the PIN first.",
    );
    expect(await getHandover()).toEqual(first);
  });
});

describe('getHandover', () => {
  it('ignores a damaged record', async () => {
    await getDb().settings.put({ key: 'handover', value: { youngPersonId: 42 } });
    expect(await getHandover()).toBeNull();
  });
});

describe('endHandover', () => {
  it('ends the handover only with the right PIN', async () => {
    const mia = await addYoungPerson('Mia');
    await setCoachPin('4826', null, page.time);
    const handover = await startHandover(mia.id, NOW);

    expect(await endHandover('1111', page.time)).toEqual({
      ok: false,
      reason: 'wrong',
      triesLeft: 9,
      waitMs: 0,
    });
    expect(await getHandover()).toEqual(handover);

    expect(await endHandover('4826', page.time)).toEqual({ ok: true });
    expect(await getHandover()).toBeNull();
  });

  it('stays in the space through the waits, and the right PIN ends it once a wait is over', async () => {
    const mia = await addYoungPerson('Mia');
    await setCoachPin('4826', null, page.time);
    await startHandover(mia.id, NOW);
    for (let i = 0; i < 3; i++) await endHandover('1111', page.time);

    expect(await endHandover('1111', page.time)).toEqual({
      ok: false,
      reason: 'wrong',
      triesLeft: 6,
      waitMs: MINUTE,
    });
    page.pass(30_000);
    expect(await endHandover('4826', page.time)).toMatchObject({ reason: 'waiting' });
    expect(await getHandover()).not.toBeNull();

    page.pass(30_000);
    expect(await endHandover('4826', page.time)).toEqual({ ok: true });
    expect(await getHandover()).toBeNull();
    expect(await checkCoachPin('1111', page.time)).toMatchObject({ triesLeft: 9 });
  });

  it('ends the handover and locks the app at the tenth wrong PIN in a row', async () => {
    const mia = await addYoungPerson('Mia');
    await setCoachPin('4826', null, page.time);
    await startHandover(mia.id, NOW);
    const key = new Uint8Array(getDataKey() ?? []);

    let result;
    for (let i = 0; i < 10; i++) {
      result = await endHandover('1111', page.time);
      if (result.ok === false && result.reason === 'wrong') page.pass(result.waitMs);
    }

    expect(result).toEqual({ ok: false, reason: 'spent' });
    expect(getLockState()).toBe('locked');
    setDataKey(key);
    expect(await getHandover()).toBeNull();
    // Said once to the coach after the unlock.
    expect(await finishRequestedHandoverEnd()).toBe('wrong-pins');
    expect(await finishRequestedHandoverEnd()).toBeNull();
    expect(await getPinState(page.time)).toMatchObject({ status: 'spent' });
    await expect(startHandover(mia.id, later(5 * HOUR))).rejects.toThrow(PinNeededError);
  });
});

describe('handing over before a passphrase is chosen', () => {
  afterEach(() => lock());

  it('is refused: the PIN and what the young person adds need the data key', async () => {
    lock();
    await freshDb();
    expect(await checkEncryptionSetUp()).toBe(false);
    await expect(startHandover('demo-1', NOW)).rejects.toThrow(PassphraseNeededError);
    await expect(setCoachPin('4826', null, page.time)).rejects.toThrow(PassphraseNeededError);
  });
});

describe('Forgot the PIN?: the passphrase or the recovery key ends a hand-over', () => {
  const PASSPHRASE = 'pebbles on Brighton beach';
  let recoveryKey = '';

  beforeEach(async () => {
    lock();
    await freshDb();
    await checkEncryptionSetUp();
    recoveryKey = await setUpEncryption(PASSPHRASE);
  });
  afterEach(() => lock());

  /** A hand-over in the middle of a wait after wrong PINs. */
  async function handOverWithAWait() {
    const mia = await addYoungPerson('Mia');
    await setCoachPin('4826', null, page.time);
    const handover = await startHandover(mia.id, NOW);
    for (let i = 0; i < 4; i++) await endHandover('1111', page.time);
    expect(await getPinState(page.time)).toMatchObject({ waitMs: MINUTE });
    return { mia, handover };
  }

  it('locks the app, and unlocking with the passphrase ends the hand-over and removes the PIN', async () => {
    const { mia, handover } = await handOverWithAWait();

    await requestHandoverEnd();

    expect(getLockState()).toBe('locked');
    expect(await finishRequestedHandoverEnd()).toBeNull(); // not while locked
    expect(await getHandover()).toEqual(handover);
    await expect(unlock('not the passphrase')).rejects.toThrow('That passphrase is not right.');
    expect(getLockState()).toBe('locked');

    await unlock(PASSPHRASE);
    expect(await finishRequestedHandoverEnd()).toBe('ended');

    expect(await getHandover()).toBeNull();
    expect(await getPinState(page.time)).toEqual({
      status: 'not-set',
      failures: 0,
      triesLeft: 10,
      waitMs: 0,
    });
    expect(await getDb().settings.get('handoverEndAtUnlock')).toBeUndefined();
    expect(await finishRequestedHandoverEnd()).toBeNull();
    // The coach sets a new PIN without the old one, and can hand over again.
    await setCoachPin('2468', null, page.time);
    await startHandover(mia.id, NOW);
    expect(await endHandover('2468', page.time)).toEqual({ ok: true });
  });

  it('is ended by the recovery key too', async () => {
    await handOverWithAWait();
    await requestHandoverEnd();
    await (await unlockWithRecovery(recoveryKey, 'gulls over the north pier')).open();
    expect(await finishRequestedHandoverEnd()).toBe('ended');
    expect(await getHandover()).toBeNull();
  });

  it('does not end a later hand-over with a request left from an earlier one', async () => {
    const { mia, handover } = await handOverWithAWait();
    await getDb().settings.put({
      key: 'handoverEndAtUnlock',
      value: { ...handover, startedAt: '2026-01-01T09:00:00.000Z' },
    });
    expect(await finishRequestedHandoverEnd()).toBeNull();
    expect(await getHandover()).toMatchObject({ youngPersonId: mia.id });
    expect(await getDb().settings.get('handoverEndAtUnlock')).toBeUndefined();
  });
});
