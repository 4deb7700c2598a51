import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeBackup } from '../../../../src/db/repositories/backup/export';
import { applyRestore } from '../../../../src/db/repositories/backup/restore';
import {
  jsonFile,
  namesOnDevice,
  renderBackupPage,
  resetApp,
  seedYoungPerson,
  toastMessages,
} from './backup-test-utils';

// The real repository, except that applying a restore waits for the test to say how it ends.
vi.mock('../../../../src/db/repositories/backup/restore', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../src/db/repositories/backup/restore')>()),
  applyRestore: vi.fn(),
}));

beforeEach(resetApp);

describe('BackupPage: a restore that fails', () => {
  it('shows that it is working, then says nothing was restored and why', async () => {
    await seedYoungPerson('Mia');
    const { json } = await makeBackup();
    await seedYoungPerson('Zed');
    let fail: (error: Error) => void = () => undefined;
    vi.mocked(applyRestore).mockImplementation(
      () => new Promise((_resolve, reject) => (fail = reject)),
    );

    const user = userEvent.setup();
    await renderBackupPage();
    await user.upload(screen.getByLabelText('Backup file'), jsonFile(json));
    await user.click(await screen.findByRole('radio', { name: /^Merge with what is on/ }));
    await user.click(screen.getByRole('button', { name: 'Restore' }));

    expect(
      await screen.findByText('Restoring… this may take a minute for a large backup'),
    ).toHaveAttribute('role', 'status');
    expect(screen.getByRole('button', { name: 'Restore' })).toBeDisabled();
    expect(applyRestore).toHaveBeenCalledWith(
      expect.objectContaining({ format: 'resilience-coaching-backup' }),
      'merge',
      expect.any(Date),
      { bringBackErased: false },
    );

    fail(new Error('There is no room left on this device.'));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Nothing was restored. There is no room left on this device.',
    );
    await waitFor(() => expect(screen.getByRole('button', { name: 'Restore' })).toBeEnabled());
    expect(screen.queryByText(/^Restoring…/)).not.toBeInTheDocument();
    expect(toastMessages()).not.toContain('Backup restored');
    expect(await namesOnDevice()).toEqual(['Mia', 'Zed']);
  });
});
