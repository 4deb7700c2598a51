import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getDb } from '../../../../src/db/database';
import { makeBackup } from '../../../../src/db/repositories/backup/export';
import { readAllRecords } from '../../../../src/db/repositories/backup/read-records';
import { applyRestore } from '../../../../src/db/repositories/backup/restore';
import { getRestoreSafetyCopy } from '../../../../src/db/repositories/backup/safety-copy';
import { parseBackupText } from '../../../../src/domain/backup-parse';
import { downloadText } from '../../../../src/lib/download';
import { QUOTA_MESSAGE } from '../../../../src/lib/errors';
import {
  jsonFile,
  namesOnDevice,
  renderBackupPage,
  resetApp,
  seedCase,
  seedYoungPerson,
  toastMessages,
} from './backup-test-utils';
import { findSaveFileDialog, turnProtectionOff } from '../../protected-files';

vi.mock('../../../../src/lib/download', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../src/lib/download')>()),
  downloadText: vi.fn(),
}));

/** What IndexedDB reports when the disk is full: Dexie's AbortError around a QuotaExceededError. */
function storageFull() {
  const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  return new Dexie.AbortError('Transaction aborted', quota);
}

/** Everything the database holds, settings and drafts included. */
async function everything() {
  const db = getDb();
  return {
    records: await readAllRecords(),
    settings: await db.settings.toArray(),
    drafts: await db.drafts.toArray(),
  };
}

/**
 * On the device: Mia (with a goal) and Zed. The file: Mia and Ola, a young person not on
 * the device, so a restore has something to add.
 */
async function seedAndMakeFile(): Promise<string> {
  await seedCase('Mia');
  const ola = await seedYoungPerson('Ola');
  const { json } = await makeBackup();
  await getDb().youngPeople.delete(ola.id);
  await seedYoungPerson('Zed');
  return json;
}

/** A backup file's text, checked as a restore checks it. */
function checked(json: string) {
  const parsed = parseBackupText(json);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.backup;
}

async function chooseMode(json: string, mode: RegExp) {
  const user = userEvent.setup();
  await renderBackupPage();
  await user.upload(screen.getByLabelText('Backup file'), jsonFile(json));
  await user.click(await screen.findByRole('radio', { name: mode }));
  await user.click(screen.getByRole('button', { name: 'Restore' }));
  return user;
}

beforeEach(async () => {
  await resetApp();
  vi.mocked(downloadText).mockReset();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('BackupPage: storage full', () => {
  it('says plainly that a merge ran out of space, and writes nothing', async () => {
    const json = await seedAndMakeFile();
    const before = await everything();
    // The last table a merge writes: everything before it must be undone.
    const full = vi.spyOn(getDb().resilienceMaps, 'bulkPut').mockRejectedValue(storageFull());

    await chooseMode(json, /^Merge with what is on/);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      `Nothing was restored. ${QUOTA_MESSAGE}`,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('out of storage space');
    expect(screen.getByRole('alert')).not.toHaveTextContent(/AbortError|Transaction aborted/);
    expect(full).toHaveBeenCalled();
    expect(await namesOnDevice()).toEqual(['Mia', 'Zed']);
    expect(await everything()).toEqual(before);
    expect(toastMessages()).not.toContain('Backup restored');
  });

  it('says plainly that a replace ran out of space, and keeps everything as it was', async () => {
    const json = await seedAndMakeFile();
    const before = await everything();
    const full = vi.spyOn(getDb().resilienceMaps, 'bulkAdd').mockRejectedValue(storageFull());

    const user = await chooseMode(json, /^Replace everything on this device/);
    await user.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', {
        name: 'Replace everything',
      }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent(
      `Nothing was restored. ${QUOTA_MESSAGE}`,
    );
    expect(full).toHaveBeenCalled();
    expect(await namesOnDevice()).toEqual(['Mia', 'Zed']);
    expect(await everything()).toEqual(before);
    expect(await getRestoreSafetyCopy()).toBeNull();
  });

  it('says plainly why the safety copy could not be deleted, and keeps it', async () => {
    const json = await seedAndMakeFile();
    await applyRestore(checked(json), 'replace');
    const copy = await getRestoreSafetyCopy();
    expect(copy).not.toBeNull();
    vi.spyOn(getDb().settings, 'bulkDelete').mockRejectedValue(storageFull());

    const user = userEvent.setup();
    await renderBackupPage();
    const section = await screen.findByRole('region', { name: 'Safety copy' });
    await user.click(within(section).getByRole('button', { name: 'Delete the safety copy' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Delete the safety copy?' });
    await user.click(within(confirm).getByRole('button', { name: 'Delete the safety copy' }));

    await waitFor(() =>
      expect(toastMessages()).toContain(`The safety copy was not deleted. ${QUOTA_MESSAGE}`),
    );
    expect(toastMessages()).not.toContain('Safety copy deleted');
    expect(await getRestoreSafetyCopy()).toEqual(copy);
    expect(screen.getByRole('region', { name: 'Safety copy' })).toBeVisible();
  });

  it('says plainly why the safety copy could not be downloaded', async () => {
    const json = await seedAndMakeFile();
    await applyRestore(checked(json), 'replace');
    vi.mocked(downloadText).mockImplementation(() => {
      throw storageFull();
    });

    const user = userEvent.setup();
    await renderBackupPage();
    const section = await screen.findByRole('region', { name: 'Safety copy' });
    await user.click(within(section).getByRole('button', { name: 'Download the safety copy' }));
    const dialog = await findSaveFileDialog('Download the safety copy');
    await turnProtectionOff(user, 'file', dialog);
    await user.click(within(dialog).getByRole('button', { name: 'Download the safety copy' }));

    // Said in the dialog, which stays open so the coach can try again.
    expect(
      await within(dialog).findByText(`The safety copy was not downloaded. ${QUOTA_MESSAGE}`),
    ).toBeVisible();
  });
});
