import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { getDb } from '../../../../src/db/database';
import { readAllRecords } from '../../../../src/db/repositories/backup/read-records';
import { applyRestore } from '../../../../src/db/repositories/backup/restore';
import { getCasesPastRetention } from '../../../../src/db/repositories/retention';
import type { FullBackupRecords } from '../../../../src/domain/backup-format';
import { parseBackupText } from '../../../../src/domain/backup-parse';
import { CLOSED_MESSAGE } from '../../../../src/lib/errors';
import { PastRetentionList } from '../../../../src/features/settings/past-retention-list';
import { EraseYoungPersonDialog } from '../../../../src/features/young-people/erase-young-person-dialog';
import { captureDownloads, resetApp, seedCase, toastMessages } from '../summary/summary-test-utils';
import {
  FILE_PASSPHRASE,
  findSaveFileDialog,
  openProtectedFile,
  turnProtectionOff,
  typeFilePassphrase,
} from '../../protected-files';

/** Kai Brown's case closed on 1 March 2026; with 12 months' retention, due from 1 March 2027. */
const TODAY = '2027-06-01';

async function renderList() {
  const cases = await getCasesPastRetention(TODAY);
  render(
    <MemoryRouter>
      <PastRetentionList
        cases={cases}
        months={12}
        renderEraseDialog={(args) => <EraseYoungPersonDialog {...args} />}
      />
    </MemoryRouter>,
  );
  return userEvent.setup();
}

const sortedById = (records: FullBackupRecords) =>
  Object.fromEntries(
    Object.entries(records).map(([array, list]) => [
      array,
      [...(list as { id: string }[])].sort((a, b) => a.id.localeCompare(b.id)),
    ]),
  );

// The visually hidden part of each button's name (jsdom drops the space before it).
const DOWNLOAD = /^Download records ?of Kai Brown$/;
const ERASE = /^Erase ?Kai Brown's records$/;

beforeEach(resetApp);
afterEach(() => vi.restoreAllMocks());

describe('PastRetentionList', () => {
  it('downloads every record of the case, closure and map included, then erases it', async () => {
    await seedCase({ map: true });
    const original = await readAllRecords();
    const downloads = captureDownloads();
    const user = await renderList();

    await user.click(screen.getByRole('button', { name: DOWNLOAD }));
    const saveDialog = await findSaveFileDialog("Download Kai Brown's records");
    await typeFilePassphrase(user, FILE_PASSPHRASE, saveDialog);
    await user.click(within(saveDialog).getByRole('button', { name: 'Download records' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]?.filename).toMatch(/^case-.+-protected\.json$/);
    expect(toastMessages()).toContain("Kai Brown's records downloaded");
    // Protected by default: ciphertext, which the passphrase opens.
    const opened = await openProtectedFile<unknown>(downloads[0]?.blob, ['Kai', 'Breathing']);
    const exported = parseBackupText(JSON.stringify(opened));
    if (!exported.ok) throw new Error(exported.message);
    expect(exported.backup.closures).toHaveLength(1);
    expect(exported.backup.resilienceMaps).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: ERASE }));
    const dialog = screen.getByRole('alertdialog', { name: "Erase Kai Brown's records?" });
    await user.type(within(dialog).getByLabelText('Type Kai Brown to confirm'), 'Kai Brown');
    await user.click(within(dialog).getByRole('button', { name: 'Erase everything' }));
    await waitFor(() =>
      expect(toastMessages()).toContain("Kai Brown's records were erased from this device"),
    );
    const empty = await readAllRecords();
    expect(Object.values(empty).every((list) => list.length === 0)).toBe(true);

    // The downloaded file brings back every record, exactly as it was.
    await applyRestore(exported.backup, 'merge', new Date(), { bringBackErased: true });
    expect(sortedById(await readAllRecords())).toEqual(sortedById(original));
  });

  it('says plainly when the records could not be downloaded', async () => {
    await seedCase({ map: true });
    const downloads = captureDownloads();
    const user = await renderList();
    vi.spyOn(getDb().youngPeople, 'get').mockRejectedValue(
      new Dexie.DatabaseClosedError('Database has been closed'),
    );

    await user.click(screen.getByRole('button', { name: DOWNLOAD }));
    const dialog = await findSaveFileDialog("Download Kai Brown's records");
    await turnProtectionOff(user, 'file', dialog);
    await user.click(within(dialog).getByRole('button', { name: 'Download records' }));

    // Said in the dialog, which stays open so the coach can try again.
    expect(
      await within(dialog).findByText(`Kai Brown's records were not downloaded. ${CLOSED_MESSAGE}`),
    ).toBeVisible();
    expect(toastMessages()).not.toContain("Kai Brown's records downloaded");
    expect(downloads).toEqual([]);
  });
});
