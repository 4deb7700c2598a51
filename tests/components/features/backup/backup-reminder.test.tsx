import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { format, subDays } from 'date-fns';
import { RouterProvider, createMemoryRouter } from 'react-router-dom';
import { markBackupMade } from '../../../../src/db/repositories/backup/export';
import { BackupReminder } from '../../../../src/features/backup/backup-reminder';
import { resetApp, seedYoungPerson } from './backup-test-utils';

beforeEach(resetApp);

function renderReminder() {
  const router = createMemoryRouter(
    [
      {
        path: '/',
        element: (
          <>
            <h1>Caseload</h1>
            <BackupReminder />
          </>
        ),
      },
      { path: '/backup', element: <h1>Backup page</h1> },
    ],
    { initialEntries: ['/'] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

describe('BackupReminder', () => {
  it('says when records have never been backed up, with a link to back up now', async () => {
    await seedYoungPerson('Mia', new Date());
    const router = renderReminder();
    expect(await screen.findByText('These records have never been backed up.')).toBeVisible();
    const link = screen.getByRole('link', { name: 'Back up now' });
    expect(link).toHaveAttribute('href', '/backup');
    link.click();
    await waitFor(() => expect(router.state.location.pathname).toBe('/backup'));
  });

  it('says how long it has been when the last backup is 7 days old and records changed since', async () => {
    const now = new Date();
    const lastBackup = subDays(now, 8);
    await seedYoungPerson('Mia', subDays(now, 20));
    await markBackupMade(lastBackup);
    await seedYoungPerson('Sam', subDays(now, 1));
    renderReminder();
    expect(
      await screen.findByText(
        `Nothing has been backed up for 8 days (last backup: ${format(lastBackup, 'd MMM')}) and records have changed since.`,
      ),
    ).toBeVisible();
  });

  it('stays hidden after a recent backup, and when nothing changed since an old one', async () => {
    const now = new Date();
    await seedYoungPerson('Mia', subDays(now, 20));
    await markBackupMade(subDays(now, 2));
    renderReminder();
    await screen.findByRole('heading', { name: 'Caseload' });
    // Give the live query time to answer before saying it shows nothing.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(screen.queryByRole('link', { name: 'Back up now' })).not.toBeInTheDocument();

    await markBackupMade(subDays(now, 10));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(screen.queryByRole('link', { name: 'Back up now' })).not.toBeInTheDocument();
  });

  it('stays hidden when there are no records at all', async () => {
    renderReminder();
    await screen.findByRole('heading', { name: 'Caseload' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(screen.queryByText(/backed up/)).not.toBeInTheDocument();
  });
});
