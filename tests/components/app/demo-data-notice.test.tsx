import { sealEveryRecord } from '../../../src/db/encryption/reseal';
import { setUnsealedPolicy } from '../../../src/db/encryption/unsealed-policy';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getDb } from '../../../src/db/database';
import { lock, setDataKey, setEncryptionSetUp } from '../../../src/db/encryption/session-key';
import { loadDemoData } from '../../../src/db/repositories/demo';
import { randomBytes } from '../../../src/lib/crypto';
import {
  PRELOAD_TIMEOUT,
  findPageHeading,
  preloadPages,
  renderApp,
  resetApp,
  seedSession,
} from './render-app';

const NOTICE =
  "You are exploring demo data. Don't type real details here: choose a passphrase first (Settings) to keep real records.";

async function preloadFormPages() {
  await Promise.all([
    preloadPages(),
    import('../../../src/features/closure/close-case-page'),
    import('../../../src/features/resilience-map/resilience-map-page'),
    import('../../../src/features/goals/add-goal-page'),
    import('../../../src/features/sessions/log-session-page'),
    import('../../../src/features/sessions/session-page'),
  ]);
}

async function demoJordan() {
  await loadDemoData(new Date('2026-11-23T10:00:00Z'));
  const jordan = (await getDb().youngPeople.toArray()).find((yp) => yp.name === 'Demo: Jordan');
  if (!jordan) throw new Error('No Demo: Jordan');
  return jordan;
}

const notice = () => screen.queryByRole('note');

/** The forms that take free text about a young person. */
function formPages(id: string): [path: string, heading: string | RegExp][] {
  const base = `/young-people/${id}`;
  return [
    [`${base}/edit`, "Edit Demo: Jordan's details"],
    [`${base}/goals/new`, 'Add a goal'],
    [`${base}/sessions/new`, 'Log a session with Demo: Jordan'],
    [`${base}/close`, 'Close Demo: Jordan’s case'],
    [`${base}/map`, 'Resilience map'],
  ];
}

describe('Demo data before a passphrase is chosen', () => {
  beforeAll(preloadFormPages, PRELOAD_TIMEOUT);
  beforeEach(async () => {
    await resetApp();
    lock();
    setEncryptionSetUp(false);
  });
  afterEach(() => setEncryptionSetUp(true));

  it('asks the coach not to type real details on every form about a young person', async () => {
    const jordan = await demoJordan();
    for (const [path, heading] of formPages(jordan.id)) {
      renderApp(path);
      await findPageHeading(heading);
      expect(notice(), path).toHaveTextContent(NOTICE);
      const notes = notice();
      if (!notes) throw new Error(`No notice on ${path}`);
      expect(within(notes).getByRole('link', { name: 'Settings' })).toHaveAttribute(
        'href',
        '/settings',
      );
      cleanup();
    }
  }, 60_000);

  it('says so on a session being edited', async () => {
    const jordan = await demoJordan();
    const goals = await getDb().goals.where('youngPersonId').equals(jordan.id).toArray();
    const active = goals.filter((g) => g.status === 'active');
    const session = await seedSession(
      jordan.id,
      '2026-11-20',
      active.map((g): [string, number] => [g.id, 5]),
    );
    renderApp(`/young-people/${jordan.id}/sessions/${session.id}`);
    await findPageHeading(/^Session on/);
    expect(notice()).toBeNull();

    await userEvent.setup().click(screen.getByRole('button', { name: /^Edit$/ }));

    expect(notice()).toHaveTextContent(NOTICE);
  });

  it('refuses a real name for a demo young person, saying why', async () => {
    const user = userEvent.setup();
    const jordan = await demoJordan();
    renderApp(`/young-people/${jordan.id}/edit`);
    await findPageHeading("Edit Demo: Jordan's details");

    const name = screen.getByLabelText('Name or initials');
    await user.clear(name);
    await user.type(name, 'Jordan Okafor');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      /Nothing was saved\. Choose a passphrase first \(in Settings\)/,
    );
    expect((await getDb().youngPeople.get(jordan.id))?.name).toBe('Demo: Jordan');
  });

  it('shows no notice once a passphrase is chosen', async () => {
    const jordan = await demoJordan();
    // As choosing a passphrase does: the demo records are sealed under the new key.
    setUnsealedPolicy('plain');
    setDataKey(randomBytes(32));
    await sealEveryRecord(getDb());
    setUnsealedPolicy('refuse');
    for (const [path, heading] of formPages(jordan.id)) {
      renderApp(path);
      await findPageHeading(heading);
      expect(notice(), path).toBeNull();
      cleanup();
    }
  }, 60_000);
});
