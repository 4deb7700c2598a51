/**
 * The team status line in the real app (issue 14): on the coach's pages once the device is
 * connected, never in the young person's own space. The session is a fake (the real one is
 * tested against a server in tests/unit/team/team-sync-runtime.test.ts).
 */
import { cleanup, screen } from '@testing-library/react';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTeamSync, teamSync } from '../../../src/app/team-sync';
import { getDataKey } from '../../../src/db/encryption/session-key';
import { startHandover } from '../../../src/db/repositories/handover';
import { saveTeamConnection } from '../../../src/db/repositories/team-connection';
import { setCoachPin } from '../../../src/db/repositories/coach-pin';
import { connectionFor, teamFixture } from '../../support/team-connection';
import {
  PRELOAD_TIMEOUT,
  findPageHeading,
  preloadPages,
  renderApp,
  resetApp,
  seedYoungPerson,
} from './render-app';

vi.mock('../../../src/features/team/start-session', async () => {
  const { FakeSession } = await import('../features/team/fake-team');
  return {
    startTeamSession: async () => {
      const session = new FakeSession();
      session.status = { state: 'offline', waiting: 14, lastSavedAt: null, damaged: 0 };
      return session;
    },
  };
});
vi.mock('../../../src/lib/pin', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/lib/pin')>()),
  PIN_ITERATIONS: 1000,
}));

let stop: () => void;

beforeAll(async () => {
  await preloadPages();
  await import('../../../src/features/young-person-space/my-space-home');
}, PRELOAD_TIMEOUT);

beforeEach(async () => {
  await resetApp();
});

afterAll(() => stop?.());

describe('the team status line in the app', () => {
  it('shows on coach pages once connected, and not in the young person’s space', async () => {
    const mia = await seedYoungPerson('Mia');
    stop = startTeamSync();
    const team = await teamFixture();
    await saveTeamConnection(await connectionFor(team, new Uint8Array(getDataKey() ?? [])));
    await vi.waitFor(() => expect(teamSync.getState().phase).toBe('running'));

    renderApp('/');
    expect(await screen.findByText(/Offline: 14 changes waiting/)).toBeVisible();
    expect(
      screen.getByText(/Offline: 14 changes waiting/).closest('[role="status"]'),
    ).toHaveAttribute('aria-live', 'polite');

    await setCoachPin('4826', null);
    await startHandover(mia.id);
    cleanup();
    renderApp('/my-space');
    await findPageHeading(/Mia/);
    expect(screen.queryByText(/changes waiting/)).toBeNull();
  });
});
