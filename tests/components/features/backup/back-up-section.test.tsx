import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { backupReminder } from '../../../../src/db/backup-reminder';
import { isEncryptedBackup } from '../../../../src/domain/backup-crypto';
import { downloadText } from '../../../../src/lib/download';
import {
  jsonFile,
  namesOnDevice,
  renderBackupPage,
  resetApp,
  seedCase,
  toastMessages,
} from './backup-test-utils';

vi.mock('../../../../src/lib/download', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../src/lib/download')>()),
  downloadText: vi.fn(),
}));

const FILE_NAME = /^resilience-coaching-backup-\d{4}-\d{2}-\d{2}-\d{4}\.json$/;

beforeEach(async () => {
  await resetApp();
  vi.mocked(downloadText).mockReset();
});

/** The one file offered for download so far: its name and text. */
function downloaded(): { name: string; text: string } {
  expect(downloadText).toHaveBeenCalledTimes(1);
  const [name, text] = vi.mocked(downloadText).mock.calls[0] ?? [];
  return { name: name ?? '', text: text ?? '' };
}

const section = () => screen.getByRole('region', { name: 'Back up now' });

describe('BackupPage: backing up', () => {
  it('saves every record to a dated file, then says when the last backup was made', async () => {
    const { youngPerson, goal } = await seedCase('Mia');
    const user = userEvent.setup();
    await renderBackupPage();
    expect(section()).toHaveTextContent('Your records live only on this device');
    expect(
      await within(section()).findByText('No backup has been made on this device yet.'),
    ).toBeVisible();
    expect(screen.queryByLabelText('Passphrase')).not.toBeInTheDocument();

    await user.click(within(section()).getByRole('button', { name: 'Back up now' }));

    await waitFor(() => expect(downloadText).toHaveBeenCalled());
    const { name, text } = downloaded();
    expect(name).toMatch(FILE_NAME);
    const file = JSON.parse(text) as {
      format: string;
      version: number;
      youngPeople: { id: string; name: string }[];
      goals: { id: string }[];
    };
    expect(file.format).toBe('resilience-coaching-backup');
    expect(file.version).toBe(1);
    expect(file.youngPeople).toEqual([
      expect.objectContaining({ id: youngPerson.id, name: 'Mia' }),
    ]);
    expect(file.goals.map((g) => g.id)).toEqual([goal.id]);

    await waitFor(() => expect(toastMessages()).toContain(`Backup saved: ${name}`));
    expect(
      await within(section()).findByText(/^Last backup: less than a minute ago \(/),
    ).toBeVisible();
    const reminder = await backupReminder();
    expect(reminder.lastBackupAt).not.toBeNull();
    expect(Date.now() - Date.parse(reminder.lastBackupAt ?? '')).toBeLessThan(60_000);
    expect(reminder.due).toBe(false);
  });

  it('asks for a passphrase of 10 characters or more, typed twice, before protecting a backup', async () => {
    await seedCase('Mia');
    const user = userEvent.setup();
    await renderBackupPage();
    await user.click(
      screen.getByRole('checkbox', { name: 'Protect this backup with a passphrase' }),
    );
    const passphrase = screen.getByLabelText('Passphrase');
    const again = screen.getByLabelText('Type the passphrase again');
    for (const box of [passphrase, again]) {
      expect(box).toHaveAttribute('type', 'password');
      expect(box).toHaveAttribute('autocomplete', 'new-password');
    }

    await user.type(passphrase, 'short');
    await user.click(screen.getByRole('button', { name: 'Back up now' }));
    // Both boxes are checked at once: too short, and not typed again.
    expect(await screen.findByText('2 things need checking')).toBeVisible();
    expect(passphrase).toHaveAttribute('aria-invalid', 'true');
    expect(passphrase).toHaveAccessibleDescription(/Use at least 10 characters/);
    expect(again).toHaveAccessibleDescription(/Type the passphrase again to check it/);

    await user.clear(passphrase);
    await user.type(passphrase, 'long enough phrase');
    await user.type(again, 'long enough phrasE');
    await user.click(screen.getByRole('button', { name: 'Back up now' }));
    await waitFor(() =>
      expect(again).toHaveAccessibleDescription(/The two passphrases are different/),
    );
    expect(downloadText).not.toHaveBeenCalled();
    expect((await backupReminder()).lastBackupAt).toBeNull();
  });

  // Three key derivations of 600,000 rounds each: give it time on a busy machine.
  it(
    'protects a backup with a passphrase, which it then needs to open again',
    { timeout: 40_000 },
    async () => {
      await seedCase('Mia');
      const user = userEvent.setup();
      await renderBackupPage();
      await user.click(
        screen.getByRole('checkbox', { name: 'Protect this backup with a passphrase' }),
      );
      // Pasting is allowed (a password manager, say).
      await user.click(screen.getByLabelText('Passphrase'));
      await user.paste('correct horse battery');
      await user.click(screen.getByLabelText('Type the passphrase again'));
      await user.paste('correct horse battery');
      await user.click(screen.getByRole('button', { name: 'Back up now' }));

      await waitFor(() => expect(downloadText).toHaveBeenCalled());
      const { name, text } = downloaded();
      expect(name).toMatch(/^resilience-coaching-backup-\d{4}-\d{2}-\d{2}-\d{4}-protected\.json$/);
      expect(text).not.toContain('Mia');
      const envelope: unknown = JSON.parse(text);
      expect(isEncryptedBackup(envelope)).toBe(true);
      await waitFor(() => expect(toastMessages()).toContain(`Backup saved: ${name}`));
      // The passphrase is not kept on screen.
      expect(screen.queryByLabelText('Passphrase')).not.toBeInTheDocument();

      // Restoring it: a wrong passphrase says so by the field and does nothing else.
      await user.upload(screen.getByLabelText('Backup file'), jsonFile(text, name));
      const prompt = await screen.findByLabelText('Passphrase for this backup');
      expect(prompt).toHaveAttribute('autocomplete', 'current-password');
      await user.type(prompt, 'wrong horse battery');
      await user.click(screen.getByRole('button', { name: 'Open backup' }));
      await waitFor(() =>
        expect(prompt).toHaveAccessibleDescription(
          /^Error:\s*That passphrase does not open this backup\.$/,
        ),
      );
      expect(screen.queryByRole('table')).not.toBeInTheDocument();
      expect(await namesOnDevice()).toEqual(['Mia']);

      await user.clear(prompt);
      await user.type(prompt, 'correct horse battery');
      await user.click(screen.getByRole('button', { name: 'Open backup' }));
      const table = await screen.findByRole('table', { name: /compared with this device/ });
      expect(within(table).getByRole('row', { name: 'Young people 1 0 0 1' })).toBeVisible();
    },
  );
});
