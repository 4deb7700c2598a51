/**
 * Settings shows "Lead a team" after "Team" (composed by src/app/routes/settings-route.tsx),
 * with the set-up form on a device that leads no team.
 */
import { screen, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PRELOAD_TIMEOUT, findPageHeading, renderApp, resetApp } from '../../app/render-app';

describe('Settings > Lead a team', () => {
  beforeAll(() => import('../../../../src/app/routes/settings-route'), PRELOAD_TIMEOUT);
  beforeEach(resetApp);

  it('comes after the Team section, with the set-up form', async () => {
    renderApp('/settings');
    await findPageHeading('Settings');
    const team = await screen.findByRole('region', { name: 'Team' });
    const lead = await screen.findByRole('region', { name: 'Lead a team' });
    expect(team.compareDocumentPosition(lead) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(
      await within(lead).findByRole('form', { name: 'Set up this device to lead the team' }),
    ).toBeVisible();
  });
});
