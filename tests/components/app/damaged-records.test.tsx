import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getDb } from '../../../src/db/database';
import { lock, setEncryptionSetUp } from '../../../src/db/encryption/session-key';
import { DATABASE_NAME } from '../../../src/db/schema';
import { captureDownloads, blobText } from '../downloads';
import { rawPut, rawStores } from '../../unit/db/encryption/raw-idb';
import {
  findPageHeading,
  preloadPages,
  PRELOAD_TIMEOUT,
  renderApp,
  resetApp,
  seedGoal,
  seedYoungPerson,
  SEED_DAY,
} from './render-app';
import { loadDemoData } from '../../../src/db/repositories/demo';

const ALFIE_GOAL = 'Walk to school with Alfie’s brother';

beforeAll(async () => {
  await preloadPages();
  await import('../../../src/app/routes/settings-route');
}, PRELOAD_TIMEOUT);
beforeEach(resetApp);

/** Alfie (A) with a goal; Bea (B) with one of her own. */
async function seedTwo() {
  const alfie = await seedYoungPerson('Alfie');
  const bea = await seedYoungPerson('Bea');
  const alfieGoal = await seedGoal(alfie.id, { text: ALFIE_GOAL });
  await seedGoal(bea.id, { text: 'Join the choir' });
  return { alfie, bea, alfieGoal };
}

describe('a record changed in IndexedDB', () => {
  it('a goal moved to another young person is not shown there, and is listed as damaged', async () => {
    const { alfie, bea, alfieGoal } = await seedTwo();
    // Someone with the locked device moves Alfie's goal to Bea in the browser's storage.
    const stored = (await rawStores(DATABASE_NAME)).goals?.find((g) => g.id === alfieGoal.id);
    await rawPut(DATABASE_NAME, 'goals', [{ ...stored, youngPersonId: bea.id }]);

    renderApp(`/young-people/${bea.id}`);
    await findPageHeading('Bea');
    expect(await screen.findByRole('link', { name: '“Join the choir”' })).toBeVisible();
    const notice = (await screen.findByText(/could not be checked/)).closest('[role="note"]');
    if (!(notice instanceof HTMLElement)) throw new Error('No notice');
    expect(notice).toHaveTextContent(
      'One record of this young person’s could not be checked and is not shown.',
    );
    expect(
      within(notice).getByRole('link', { name: 'See damaged records in Settings' }),
    ).toBeVisible();
    expect(screen.queryByText(ALFIE_GOAL, { exact: false })).not.toBeInTheDocument();

    // Not on Alfie's page either: it is no longer what he saved.
    expect(await getDb().goals.where('youngPersonId').equals(alfie.id).count()).toBe(0);
    expect(await getDb().goals.where('youngPersonId').equals(bea.id).toArray()).toHaveLength(1);
  });

  it('a plain value written where the ciphertext belongs is refused, listed, exported and erased', async () => {
    const { bea } = await seedTwo();
    await rawPut(DATABASE_NAME, 'goals', [
      { id: 'forged-goal', youngPersonId: bea.id, status: 'active', sealed: 'Run away from home' },
    ]);
    const downloads = captureDownloads();
    const user = userEvent.setup();

    renderApp(`/young-people/${bea.id}`);
    await findPageHeading('Bea');
    await screen.findByRole('link', { name: '“Join the choir”' });
    expect(await screen.findByText(/could not be checked/)).toBeVisible();
    expect(screen.queryByText('Run away from home', { exact: false })).not.toBeInTheDocument();
    cleanup();

    renderApp('/settings');
    const section = await screen.findByRole('region', { name: 'Damaged records' });
    expect(section).toHaveTextContent('One record on this device could not be checked');
    const item = within(section).getByRole('listitem');
    expect(item).toHaveTextContent('Goal forged-goal');
    expect(item).toHaveTextContent(`it says it belongs to young person ${bea.id}`);
    expect(item).toHaveTextContent('It is not encrypted, so it was not written by this app.');

    await user.click(within(item).getByRole('button', { name: 'Download Goal forged-goal' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]?.filename).toBe('resilience-coaching-damaged-goals-forged-goal.json');
    const exported = JSON.parse(await blobText(downloads[0]?.blob)) as { stored: unknown };
    expect(exported.stored).toEqual({
      id: 'forged-goal',
      youngPersonId: bea.id,
      status: 'active',
      sealed: 'Run away from home',
    });

    await user.click(within(item).getByRole('button', { name: 'Erase Goal forged-goal' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Erase Goal forged-goal?' });
    await user.click(within(dialog).getByRole('button', { name: 'Erase it' }));
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Damaged records' })).not.toBeInTheDocument(),
    );
    expect((await rawStores(DATABASE_NAME)).goals?.map((g) => g.id)).not.toContain('forged-goal');
    // Bea's own goal is still there.
    expect(await getDb().goals.where('youngPersonId').equals(bea.id).count()).toBe(1);
  });
});

vi.setConfig({ testTimeout: 30_000 });

describe('before a passphrase is chosen', () => {
  it('Settings and the young person page show no damaged records, and work', async () => {
    lock();
    setEncryptionSetUp(false);
    await resetApp();
    await loadDemoData(SEED_DAY);
    const [demo] = await getDb().youngPeople.toArray();
    if (!demo) throw new Error('No demo data');
    renderApp('/settings');
    expect(await screen.findByRole('button', { name: 'Choose a passphrase' })).toBeVisible();
    expect(screen.queryByRole('region', { name: 'Damaged records' })).not.toBeInTheDocument();
    cleanup();
    renderApp(`/young-people/${demo.id}`);
    await findPageHeading(demo.name);
    expect(screen.queryByText(/could not be checked/)).not.toBeInTheDocument();
  });
});
