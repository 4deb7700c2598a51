import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../src/db/database';
import { checkCoachPin, setCoachPin } from '../../../src/db/repositories/coach-pin';
import { endHandover, getHandover, startHandover } from '../../../src/db/repositories/handover';
import { NOW, addYoungPerson, freshDb } from './fixtures';

beforeEach(freshDb);

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
    await setCoachPin('4826', null, NOW);
    expect(await getHandover()).toBeNull();

    const handover = await startHandover(mia.id, NOW);

    expect(handover).toEqual({ youngPersonId: mia.id, startedAt: NOW.toISOString() });
    expect(await getHandover()).toEqual(handover);
    expect((await getDb().settings.get('handover'))?.value).toEqual(handover);
  });

  it('refuses without a coach PIN', async () => {
    const mia = await addYoungPerson('Mia');
    await expect(startHandover(mia.id, NOW)).rejects.toThrow(
      'Set a coach PIN in Settings before handing over.',
    );
    expect(await getHandover()).toBeNull();
  });

  it('refuses for a young person who is not there or whose case is closed', async () => {
    await setCoachPin('4826', null, NOW);
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
    await setCoachPin('4826', null, NOW);
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
    await setCoachPin('4826', null, NOW);
    const handover = await startHandover(mia.id, NOW);

    expect(await endHandover('1111', NOW)).toEqual({ ok: false, reason: 'wrong', triesLeft: 4 });
    expect(await getHandover()).toEqual(handover);

    expect(await endHandover('4826', NOW)).toEqual({ ok: true });
    expect(await getHandover()).toBeNull();
  });

  it('locks after five wrong tries and stays in the space until the minute is up', async () => {
    const mia = await addYoungPerson('Mia');
    await setCoachPin('4826', null, NOW);
    await startHandover(mia.id, NOW);
    for (let i = 0; i < 4; i++) await endHandover('1111', NOW);

    expect(await endHandover('1111', NOW)).toEqual({
      ok: false,
      reason: 'locked',
      lockedUntil: later(60_000).toISOString(),
    });
    expect(await endHandover('4826', later(30_000))).toMatchObject({ reason: 'locked' });
    expect(await getHandover()).not.toBeNull();

    expect(await endHandover('4826', later(60_000))).toEqual({ ok: true });
    expect(await getHandover()).toBeNull();
    expect(await checkCoachPin('1111', later(60_000))).toMatchObject({ triesLeft: 4 });
  });
});
