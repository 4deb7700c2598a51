import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getDb } from '../../../../src/db/database';
import { makeBackup } from '../../../../src/db/repositories/backup/export';
import { getRestoreSafetyCopy } from '../../../../src/db/repositories/backup/safety-copy';
import { updateYoungPerson } from '../../../../src/db/repositories/young-people';
import { MAX_BACKUP_BYTES } from '../../../../src/domain/backup-parse';
import { downloadText } from '../../../../src/lib/download';
import {
  DAY_ONE,
  jsonFile,
  namesOnDevice,
  renderBackupPage,
  resetApp,
  seedCase,
  seedYoungPerson,
  toastMessages,
} from './backup-test-utils';
import {
  FILE_PASSPHRASE,
  findSaveFileDialog,
  openProtectedText,
  turnProtectionOff,
  typeFilePassphrase,
} from '../../protected-files';

vi.mock('../../../../src/lib/download', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../src/lib/download')>()),
  downloadText: vi.fn(),
}));

const DAY_TWO = new Date('2026-02-10T10:00:00Z');
const DAY_THREE = new Date('2026-03-10T10:00:00Z');

beforeEach(async () => {
  await resetApp();
  vi.mocked(downloadText).mockReset();
});

type Json = Record<string, unknown>;

/**
 * A backup of Mia (with a goal and its baseline) and Sam, made on day one; then, in the
 * file, Sam renamed Samuel on day three and a new young person Ola. On the device after
 * the backup: Mia renamed Mia B on day two, and Zed added.
 */
async function seedDivergedDevice(): Promise<string> {
  const { youngPerson: mia } = await seedCase('Mia');
  await seedYoungPerson('Sam');
  const { file } = await makeBackup(DAY_ONE);
  const edited = JSON.parse(JSON.stringify(file)) as { youngPeople: Json[] };
  const sam = edited.youngPeople.find((y) => y.name === 'Sam');
  if (!sam) throw new Error('Sam is missing from the backup');
  sam.name = 'Samuel';
  sam.updatedAt = DAY_THREE.toISOString();
  edited.youngPeople.push({ ...sam, id: 'yp-ola', name: 'Ola' });

  const empty = { dateOfBirth: '', school: '', programme: '', referralDate: '' };
  await updateYoungPerson(mia.id, { name: 'Mia B', ...empty }, DAY_TWO);
  await seedYoungPerson('Zed', DAY_TWO);
  return JSON.stringify(edited);
}

async function chooseFile(text: string | File, name = 'backup.json') {
  const user = userEvent.setup();
  await renderBackupPage();
  const file = typeof text === 'string' ? jsonFile(text, name) : text;
  await user.upload(screen.getByLabelText('Backup file'), file);
  return user;
}

const restoreSection = () => screen.getByRole('region', { name: 'Restore from a backup' });

describe('BackupPage: restoring', () => {
  it('shows what the file holds against the device, then merges it, newer record winning', async () => {
    const text = await seedDivergedDevice();
    const user = await chooseFile(text);

    const table = await screen.findByRole('table', { name: /compared with this device/ });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Records', 'In the file', 'New', 'Changed', 'Unchanged']);
    expect(within(table).getByRole('row', { name: 'Young people 3 1 2 0' })).toBeVisible();
    expect(within(table).getByRole('row', { name: 'Goals 1 0 0 1' })).toBeVisible();
    expect(within(table).getByRole('row', { name: 'Ratings 1 0 0 1' })).toBeVisible();
    expect(within(table).getByRole('row', { name: 'Sessions 0 0 0 0' })).toBeVisible();

    const merge = screen.getByRole('radio', { name: /^Merge with what is on this device/ });
    expect(merge).toHaveAccessibleName(
      expect.stringContaining(
        '1 is newer in the file and will be updated; 1 is newer on this device and will be kept',
      ),
    );
    await user.click(merge);
    await user.click(screen.getByRole('button', { name: 'Restore' }));

    const heading = await screen.findByRole('heading', { name: 'Backup merged' });
    await waitFor(() => expect(heading).toHaveFocus());
    const panel = heading.closest('[role="status"]');
    if (!(panel instanceof HTMLElement)) throw new Error('No result panel');
    expect(
      within(panel)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '1 record added.',
      '1 record updated with the newer version from the backup.',
      '1 record kept as it was on this device, being newer here.',
      '2 records already the same.',
    ]);
    expect(toastMessages()).toContain('Backup restored');
    expect(await namesOnDevice()).toEqual(['Mia B', 'Ola', 'Samuel', 'Zed']);
    expect(await getRestoreSafetyCopy()).toBeNull();
    expect(
      screen.queryByRole('button', { name: 'Download the safety copy' }),
    ).not.toBeInTheDocument();
  });

  it('replaces everything after a warning, keeping a safety copy to download or delete', async () => {
    const text = await seedDivergedDevice();
    const user = await chooseFile(text);

    const replace = await screen.findByRole('radio', {
      name: /^Replace everything on this device/,
    });
    expect(replace).toHaveAccessibleName(
      expect.stringContaining('1 record on this device is not in the file and will be removed'),
    );
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    expect(await screen.findByText('Choose how to restore this backup.')).toBeVisible();

    await user.click(replace);
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    const dialog = await screen.findByRole('alertdialog', {
      name: 'Replace everything on this device?',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(await namesOnDevice()).toEqual(['Mia B', 'Sam', 'Zed']);

    await user.click(screen.getByRole('button', { name: 'Restore' }));
    await user.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', {
        name: 'Replace everything',
      }),
    );
    const heading = await screen.findByRole('heading', { name: /^Backup restored/ });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(await namesOnDevice()).toEqual(['Mia', 'Ola', 'Samuel']);
    const panel = heading.closest('[role="status"]');
    if (!(panel instanceof HTMLElement)) throw new Error('No result panel');
    expect(
      within(panel)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '5 records restored from the backup.',
      '1 record that was not in the backup removed.',
    ]);
    expect(toastMessages()).toContain('Backup restored');
    // The safety copy holds every record that was here: protected unless the coach says not.
    await user.click(within(panel).getByRole('button', { name: 'Download the safety copy' }));
    const saveDialog = await findSaveFileDialog('Download the safety copy');
    expect(
      within(saveDialog).getByRole('checkbox', { name: 'Protect this file with a passphrase' }),
    ).toBeChecked();
    await typeFilePassphrase(user, FILE_PASSPHRASE, saveDialog);
    await user.click(within(saveDialog).getByRole('button', { name: 'Download the safety copy' }));
    await waitFor(() => expect(downloadText).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    const [name, copy] = vi.mocked(downloadText).mock.calls[0] ?? [];
    expect(name).toMatch(/-protected\.json$/);
    const saved = await openProtectedText<{ youngPeople: { name: string }[] }>(copy ?? '', [
      'Mia B',
      'Zed',
    ]);
    expect(saved.youngPeople.map((y) => y.name).sort()).toEqual(['Mia B', 'Sam', 'Zed']);

    // Offered once, in the result; then on the page until the coach deletes it.
    expect(screen.queryByRole('region', { name: 'Safety copy' })).not.toBeInTheDocument();
    cleanup();
    await renderBackupPage();
    const safety = await screen.findByRole('region', { name: 'Safety copy' });
    expect(safety).toHaveTextContent(/Safety copy from before the restore on /);
    await user.click(within(safety).getByRole('button', { name: 'Download the safety copy' }));
    const again = await findSaveFileDialog('Download the safety copy');
    await turnProtectionOff(user, 'file', again);
    await user.click(within(again).getByRole('button', { name: 'Download the safety copy' }));
    await waitFor(() => expect(downloadText).toHaveBeenCalledTimes(2));
    const [plainName, plainCopy] = vi.mocked(downloadText).mock.calls[1] ?? [];
    expect(plainName).toBe(name?.replace(/-protected\.json$/, '.json'));
    expect(JSON.parse(plainCopy ?? '')).toEqual(saved);
    await user.click(within(safety).getByRole('button', { name: 'Delete the safety copy' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Delete the safety copy?' });
    await user.click(within(confirm).getByRole('button', { name: 'Delete the safety copy' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Safety copy' })).toBeNull());
    expect(await getRestoreSafetyCopy()).toBeNull();
  });

  it('reports every problem in an invalid file, by record and field, and changes nothing', async () => {
    await seedCase('Mia');
    const { file } = await makeBackup(DAY_ONE);
    const broken = JSON.parse(JSON.stringify(file)) as { goals: Json[] };
    const goal = broken.goals[0];
    if (!goal) throw new Error('No goal in the backup');
    goal.id = 'g-12';
    goal.domains = ['flying'];
    await chooseFile(JSON.stringify(broken), 'broken.json');

    const report = await screen.findByRole('alert');
    expect(
      within(report).getByRole('heading', { name: "This file can't be restored" }),
    ).toBeVisible();
    expect(report).toHaveTextContent('broken.json');
    expect(
      within(report)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toContainEqual(expect.stringMatching(/^goals\[0\] \(id g-12\), field domains\.0: /));
    expect(report).toHaveTextContent('Nothing has been changed.');
    expect(screen.queryByRole('button', { name: 'Restore' })).not.toBeInTheDocument();
    expect(await namesOnDevice()).toEqual(['Mia']);
    expect(await getDb().goals.get('g-12')).toBeUndefined();
  });

  it('lists the first 50 problems and counts the rest', async () => {
    const ratings = Array.from({ length: 80 }, (_, i) => ({
      id: `r-${i}`,
      goalId: 'nowhere',
      sessionId: null,
      score: 5,
      ratedAt: DAY_ONE.toISOString(),
      ratedBy: 'coach',
    }));
    const file = {
      format: 'resilience-coaching-backup',
      version: 1,
      exportedAt: DAY_ONE.toISOString(),
      youngPeople: [],
      goals: [],
      sessions: [],
      ratings,
    };
    await chooseFile(JSON.stringify(file));
    const report = await screen.findByRole('alert');
    const items = within(report).getAllByRole('listitem');
    expect(items).toHaveLength(51);
    expect(items[0]).toHaveTextContent(/^ratings\[0\] \(id r-0\), field goalId: /);
    expect(items[50]).toHaveTextContent('and 30 more');
  });

  it('says a file that is not JSON is not a backup', async () => {
    await chooseFile('Dear diary', 'notes.json');
    const report = await screen.findByRole('alert');
    expect(report).toHaveTextContent('This file is not a backup: it is not JSON.');
    expect(report).toHaveTextContent('Nothing has been changed.');
  });

  it('refuses a file over 100 MB without reading it', async () => {
    await seedCase('Mia');
    const file = jsonFile('{}', 'huge.json');
    Object.defineProperty(file, 'size', { value: MAX_BACKUP_BYTES + 1 });
    const read = vi.spyOn(FileReader.prototype, 'readAsText');
    await chooseFile(file);
    await waitFor(() => expect(restoreSection()).toHaveTextContent('huge.json'));
    const report = screen.getByRole('alert');
    expect(report).toHaveTextContent(/100 MB/);
    expect(report).toHaveTextContent('Nothing has been changed.');
    expect(read).not.toHaveBeenCalled();
    expect(await namesOnDevice()).toEqual(['Mia']);
  });
});
