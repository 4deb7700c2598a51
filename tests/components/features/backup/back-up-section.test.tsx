import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { backupReminder } from '../../../../src/db/backup-reminder';
import { blobText, captureDownloads, type Download } from '../../downloads';
import {
  FILE_PASSPHRASE,
  openProtectedFile,
  turnProtectionOff,
  typeFilePassphrase,
} from '../../protected-files';
import {
  jsonFile,
  namesOnDevice,
  renderBackupPage,
  resetApp,
  seedCase,
  toastMessages,
} from './backup-test-utils';

const PROTECTED_NAME = /^resilience-coaching-backup-\d{4}-\d{2}-\d{2}-\d{4}-protected\.json$/;
const PLAIN_NAME = /^resilience-coaching-backup-\d{4}-\d{2}-\d{2}-\d{4}\.json$/;

interface BackupJson {
  format: string;
  version: number;
  youngPeople: { id: string; name: string }[];
  goals: { id: string }[];
}

let downloads: Download[];

beforeEach(async () => {
  await resetApp();
  downloads = captureDownloads();
});

const section = () => screen.getByRole('region', { name: 'Back up now' });
const protectBox = () =>
  screen.getByRole('checkbox', { name: 'Protect this backup with a passphrase' });

describe('BackupPage: backing up', () => {
  // Two key derivations of 600,000 rounds each (make, then open to check): give it time.
  it(
    'protects a backup by default: the file is ciphertext that the passphrase opens, and the last backup is recorded',
    { timeout: 40_000 },
    async () => {
      const { youngPerson, goal } = await seedCase('Mia');
      const user = userEvent.setup();
      await renderBackupPage();
      expect(section()).toHaveTextContent('Your records live only on this device');
      expect(
        await within(section()).findByText('No backup has been made on this device yet.'),
      ).toBeVisible();
      expect(protectBox()).toBeChecked();
      for (const box of [
        screen.getByLabelText('Passphrase'),
        screen.getByLabelText('Type the passphrase again'),
      ]) {
        expect(box).toHaveAttribute('type', 'password');
        expect(box).toHaveAttribute('autocomplete', 'new-password');
      }

      await typeFilePassphrase(user);
      await user.click(within(section()).getByRole('button', { name: 'Back up now' }));

      await waitFor(() => expect(downloads).toHaveLength(1));
      const [download] = downloads;
      expect(download?.filename).toMatch(PROTECTED_NAME);
      const file = await openProtectedFile<BackupJson & { deletions: unknown[] }>(download?.blob, [
        'Mia',
        'make friends',
        youngPerson.id,
      ]);
      expect(file.format).toBe('resilience-coaching-backup');
      expect(file.version).toBe(2);
      expect(file.deletions).toEqual([]);
      expect(file.youngPeople).toEqual([
        expect.objectContaining({ id: youngPerson.id, name: 'Mia' }),
      ]);
      expect(file.goals.map((g) => g.id)).toEqual([goal.id]);

      await waitFor(() =>
        expect(toastMessages()).toContain(`Backup saved: ${download?.filename ?? ''}`),
      );
      expect(
        await within(section()).findByText(/^Last backup: less than a minute ago \(/),
      ).toBeVisible();
      const reminder = await backupReminder();
      expect(reminder.lastBackupAt).not.toBeNull();
      expect(Date.now() - Date.parse(reminder.lastBackupAt ?? '')).toBeLessThan(60_000);
      expect(reminder.due).toBe(false);
      // The passphrase is not kept on screen, and the next backup is protected too.
      expect(screen.getByLabelText('Passphrase')).toHaveValue('');
      expect(protectBox()).toBeChecked();
    },
  );

  it('saves a plain backup only once the coach confirms, after being told what it exposes', async () => {
    await seedCase('Mia');
    const user = userEvent.setup();
    await renderBackupPage();

    // Unticking asks once more; "Cancel" keeps the protection.
    await user.click(protectBox());
    const ask = await screen.findByRole('alertdialog', {
      name: 'Save the backup without a passphrase?',
    });
    expect(ask).toHaveTextContent(
      /anyone who opens the backup can read every young person's name, date of birth, school and programme, their goals in their own words, session notes, and closure comments, in plain text/,
    );
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(protectBox()).toBeChecked();
    expect(screen.getByLabelText('Passphrase')).toBeVisible();
    await user.click(within(section()).getByRole('button', { name: 'Back up now' }));
    expect(await screen.findByText('2 things need checking')).toBeVisible();
    expect(downloads).toHaveLength(0);

    await turnProtectionOff(user, 'backup');
    expect(protectBox()).not.toBeChecked();
    expect(screen.queryByLabelText('Passphrase')).not.toBeInTheDocument();
    expect(protectBox()).toHaveAccessibleDescription(
      /^Not protected: anyone who opens this backup/,
    );
    await user.click(within(section()).getByRole('button', { name: 'Back up now' }));

    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]?.filename).toMatch(PLAIN_NAME);
    const file = JSON.parse(await blobText(downloads[0]?.blob)) as BackupJson;
    expect(file.youngPeople.map((p) => p.name)).toEqual(['Mia']);
    // After a plain backup, protection is back on for the next one.
    expect(protectBox()).toBeChecked();
  });

  it('asks for a passphrase of 10 characters or more, typed twice, and not a common password', async () => {
    await seedCase('Mia');
    const user = userEvent.setup();
    await renderBackupPage();
    const passphrase = screen.getByLabelText('Passphrase');
    const again = screen.getByLabelText('Type the passphrase again');

    await user.type(passphrase, 'short');
    await user.click(screen.getByRole('button', { name: 'Back up now' }));
    // Both boxes are checked at once: too short, and not typed again.
    expect(await screen.findByText('2 things need checking')).toBeVisible();
    expect(passphrase).toHaveAttribute('aria-invalid', 'true');
    expect(passphrase).toHaveAccessibleDescription(/Use at least 10 characters/);
    expect(again).toHaveAccessibleDescription(/Type the passphrase again to check it/);

    // Long enough, typed twice, but one of the most common passwords.
    await user.clear(passphrase);
    await user.type(passphrase, 'password123456');
    await user.type(again, 'password123456');
    await user.click(screen.getByRole('button', { name: 'Back up now' }));
    await waitFor(() =>
      expect(passphrase).toHaveAccessibleDescription(
        /This passphrase is too easy to guess\. This is similar to a commonly used password\. Try three or four words/,
      ),
    );
    expect(again).not.toHaveAttribute('aria-invalid');

    await user.clear(passphrase);
    await user.clear(again);
    await user.type(passphrase, 'long enough phrase');
    await user.type(again, 'long enough phrasE');
    await user.click(screen.getByRole('button', { name: 'Back up now' }));
    await waitFor(() =>
      expect(again).toHaveAccessibleDescription(/The two passphrases are different/),
    );
    expect(downloads).toHaveLength(0);
    expect((await backupReminder()).lastBackupAt).toBeNull();
  });

  // Three key derivations of 600,000 rounds each: give it time on a busy machine.
  it(
    'makes a protected backup that needs its passphrase to be restored',
    { timeout: 40_000 },
    async () => {
      await seedCase('Mia');
      const user = userEvent.setup();
      await renderBackupPage();
      // Pasting is allowed (a password manager, say).
      await user.click(screen.getByLabelText('Passphrase'));
      await user.paste(FILE_PASSPHRASE);
      await user.click(screen.getByLabelText('Type the passphrase again'));
      await user.paste(FILE_PASSPHRASE);
      await user.click(screen.getByRole('button', { name: 'Back up now' }));

      await waitFor(() => expect(downloads).toHaveLength(1));
      const name = downloads[0]?.filename ?? '';
      const text = await blobText(downloads[0]?.blob);
      await waitFor(() => expect(toastMessages()).toContain(`Backup saved: ${name}`));

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
      await user.type(prompt, FILE_PASSPHRASE);
      await user.click(screen.getByRole('button', { name: 'Open backup' }));
      const table = await screen.findByRole('table', { name: /compared with this device/ });
      expect(within(table).getByRole('row', { name: 'Young people 1 0 0 1' })).toBeVisible();
    },
  );
});
