/**
 * The "Team report" link in the main navigation shows only on a device that leads a team
 * (and appears as soon as it is set up); the page says what it is for on any other device.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDataKey } from '../../../src/db/encryption/session-key';
import { saveTeamLead } from '../../../src/db/repositories/team-lead';
import { generateDeviceIdentity } from '../../../src/team/keys/identity';
import { PRELOAD_TIMEOUT, findPageHeading, preloadPages, renderApp, resetApp } from './render-app';

describe('the Team report link', () => {
  beforeAll(async () => {
    await preloadPages();
    await import('../../../src/app/routes/team-report-route');
  }, PRELOAD_TIMEOUT);
  beforeEach(resetApp);

  it('shows in the navigation only once this device leads a team', async () => {
    renderApp('/');
    await findPageHeading('Caseload');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Reports' })).toBeVisible();
    expect(within(nav).queryByRole('link', { name: 'Team report' })).toBeNull();

    const { stored } = await generateDeviceIdentity(getDataKey() as Uint8Array);
    await saveTeamLead({
      teamDatabase: `team-${'ab'.repeat(16)}`,
      userName: 'lead-rowan',
      password: 'lead password 1',
      identity: stored,
      caseloadKeys: [],
      pending: [],
      heldLists: [],
    });
    await waitFor(() =>
      expect(within(nav).getByRole('link', { name: 'Team report' })).toHaveAttribute(
        'href',
        '/team-report',
      ),
    );
  });

  it('says the page is for the service lead on a device that leads no team', async () => {
    renderApp('/team-report');
    expect(await findPageHeading('Team report')).toBeVisible();
    expect(await screen.findByText(/This device does not lead a team/)).toBeVisible();
    expect(screen.getByRole('link', { name: 'Settings, Lead a team' })).toHaveAttribute(
      'href',
      '/settings',
    );
  });
});
