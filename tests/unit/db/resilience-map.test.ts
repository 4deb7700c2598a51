import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../src/db/database';
import { getDemoIds, loadDemoData, removeDemoData } from '../../../src/db/repositories/demo';
import {
  getLatestMap,
  getMapSnapshots,
  saveResilienceMap,
} from '../../../src/db/repositories/resilience-map';
import { deleteYoungPersonWithRecords } from '../../../src/db/repositories/young-people';
import { resilienceMapSchema } from '../../../src/domain/schemas';
import { NOW, addYoungPerson, at, fieldErrorsOf, freshDb } from './fixtures';

beforeEach(freshDb);

const firstMap = {
  tiles: {
    'coping-brave': 'try',
    'basics-sleep': 'strength',
    'belonging-make-friends': 'strength',
  },
  examples: { 'basics-sleep': '  I go to bed at nine  ', 'coping-brave': '' },
  savedBy: 'young-person',
} as const;

async function mapCount() {
  return getDb().resilienceMaps.count();
}

describe('saveResilienceMap', () => {
  it('stores a valid dated snapshot: tiles in framework order, examples trimmed, blanks dropped', async () => {
    const mia = await addYoungPerson();
    const saved = await saveResilienceMap(mia.id, firstMap, NOW);

    expect(saved).toMatchObject({
      youngPersonId: mia.id,
      savedAt: NOW.toISOString(),
      savedBy: 'young-person',
      examples: { 'basics-sleep': 'I go to bed at nine' },
    });
    expect(Object.entries(saved.tiles)).toEqual([
      ['basics-sleep', 'strength'],
      ['belonging-make-friends', 'strength'],
      ['coping-brave', 'try'],
    ]);
    expect(resilienceMapSchema.parse(saved)).toEqual(saved);
    expect(await getDb().resilienceMaps.get(saved.id)).toEqual(saved);
  });

  it('adds a new snapshot on every save and keeps the earlier ones', async () => {
    const mia = await addYoungPerson();
    const first = await saveResilienceMap(mia.id, firstMap, at('2026-10-01'));
    const second = await saveResilienceMap(
      mia.id,
      {
        tiles: { ...firstMap.tiles, 'coping-brave': 'strength', 'coping-laugh': 'strength' },
        examples: {},
        savedBy: 'coach',
      },
      at('2026-11-01'),
    );

    expect(second.id).not.toBe(first.id);
    expect(await mapCount()).toBe(2);
    expect(await getDb().resilienceMaps.get(first.id)).toEqual(first);
    expect(second.tiles['coping-brave']).toBe('strength');
    expect(second.savedBy).toBe('coach');
  });

  it('accepts an empty map', async () => {
    const mia = await addYoungPerson();
    const saved = await saveResilienceMap(mia.id, { tiles: {}, examples: {}, savedBy: 'coach' });
    expect(saved.tiles).toEqual({});
    expect(await mapCount()).toBe(1);
  });

  it('refuses unknown moves, unknown states and long examples, and writes nothing', async () => {
    const mia = await addYoungPerson();
    const errors = await fieldErrorsOf(
      saveResilienceMap(
        mia.id,
        {
          // Deliberately invalid input, as it might arrive from an old or broken caller.
          tiles: JSON.parse('{"coping-brave":"maybe","not-a-move":"try"}') as Record<string, 'try'>,
          examples: { 'basics-sleep': 'x'.repeat(201), 'made-up': 'Hello' },
          savedBy: 'coach',
        },
        NOW,
      ),
    );
    expect(errors).toEqual({
      'tiles.coping-brave': "Choose 'I already do this' or 'I'd like to try this'.",
      'tiles.not-a-move': 'Unknown resilient move.',
      'examples.basics-sleep': 'Keep the example to 200 characters or fewer.',
      'examples.made-up': 'Unknown resilient move.',
    });
    expect(await mapCount()).toBe(0);
  });

  it('accepts an example of exactly 200 characters', async () => {
    const mia = await addYoungPerson();
    const saved = await saveResilienceMap(mia.id, {
      tiles: { 'basics-play': 'strength' },
      examples: { 'basics-play': 'y'.repeat(200) },
      savedBy: 'young-person',
    });
    expect(saved.examples['basics-play']).toHaveLength(200);
  });

  it('refuses a closed case and an unknown young person', async () => {
    const mia = await addYoungPerson();
    await getDb().youngPeople.update(mia.id, { status: 'closed', closedOn: '2026-11-20' });
    await expect(saveResilienceMap(mia.id, firstMap, NOW)).rejects.toThrow(
      'This case is closed: reopen it to make changes.',
    );
    await expect(saveResilienceMap('missing', firstMap, NOW)).rejects.toThrow(
      'This young person is no longer in the caseload.',
    );
    expect(await mapCount()).toBe(0);
  });
});

describe('getMapSnapshots and getLatestMap', () => {
  it("returns only this young person's snapshots, oldest first", async () => {
    const mia = await addYoungPerson('Mia');
    const sam = await addYoungPerson('Sam');
    // Saved out of order, so the order must come from savedAt.
    const late = await saveResilienceMap(mia.id, firstMap, at('2026-11-20'));
    const early = await saveResilienceMap(mia.id, firstMap, at('2026-09-10'));
    const middle = await saveResilienceMap(mia.id, firstMap, at('2026-10-15'));
    await saveResilienceMap(sam.id, firstMap, at('2026-12-01'));

    expect((await getMapSnapshots(mia.id)).map((m) => m.id)).toEqual([
      early.id,
      middle.id,
      late.id,
    ]);
    expect((await getLatestMap(mia.id))?.id).toBe(late.id);
  });

  it('gives [] and null before the first save', async () => {
    const mia = await addYoungPerson();
    expect(await getMapSnapshots(mia.id)).toEqual([]);
    expect(await getLatestMap(mia.id)).toBeNull();
  });
});

describe('removing young people', () => {
  it("deleteYoungPersonWithRecords removes that person's maps only", async () => {
    const mia = await addYoungPerson('Mia');
    const sam = await addYoungPerson('Sam');
    await saveResilienceMap(mia.id, firstMap, NOW);
    await saveResilienceMap(mia.id, firstMap, NOW);
    const samMap = await saveResilienceMap(sam.id, firstMap, NOW);

    await deleteYoungPersonWithRecords(mia.id);

    expect(await getMapSnapshots(mia.id)).toEqual([]);
    expect(await getMapSnapshots(sam.id)).toEqual([samMap]);
  });

  it("removeDemoData removes the demo young people's maps and keeps real ones", async () => {
    await loadDemoData(NOW);
    const [demoId] = await getDemoIds();
    if (!demoId) throw new Error('Expected demo data');
    await saveResilienceMap(demoId, firstMap, NOW);
    const real = await addYoungPerson('Real');
    const realMap = await saveResilienceMap(real.id, firstMap, NOW);

    await removeDemoData();

    expect(await getDb().resilienceMaps.toArray()).toEqual([realMap]);
  });
});
