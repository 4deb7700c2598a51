import { beforeEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getDb } from '../../../../src/db/database';
import { makeBackup } from '../../../../src/db/repositories/backup/export';
import { deleteYoungPersonWithRecords } from '../../../../src/db/repositories/young-people';
import {
  jsonFile,
  namesOnDevice,
  renderBackupPage,
  resetApp,
  seedCase,
  toastMessages,
} from './backup-test-utils';

beforeEach(resetApp);

/** A backup of Mia and Sam (each with a goal and its baseline); then Sam erased. */
async function backupThenEraseSam(): Promise<string> {
  await seedCase('Mia');
  const { youngPerson: sam } = await seedCase('Sam');
  const { json } = await makeBackup();
  await deleteYoungPersonWithRecords(sam.id);
  return json;
}

async function chooseFile(json: string) {
  const user = userEvent.setup();
  await renderBackupPage();
  await user.upload(screen.getByLabelText('Backup file'), jsonFile(json));
  await screen.findByRole('table', { name: /compared with this device/ });
  return user;
}

const NOTICE =
  '1 of the 2 young people in this file was erased from this device. Merging leaves them out, with their records (3 records in all), unless you choose to bring them back. Replacing everything restores exactly what the file holds, so it brings them back.';

const BRING_BACK = 'Bring back the young person erased from this device, with their records';

async function resultLines() {
  const heading = await screen.findByRole('heading', { name: /^Backup (merged|restored)/ });
  const panel = heading.closest('[role="status"]');
  if (!(panel instanceof HTMLElement)) throw new Error('No result panel');
  return within(panel)
    .getAllByRole('listitem')
    .map((li) => li.textContent);
}

describe('BackupPage: a backup holding a young person erased on this device', () => {
  it('says so before the choice, and a merge leaves them out unless asked', async () => {
    const json = await backupThenEraseSam();
    const user = await chooseFile(json);

    expect(screen.getByText(NOTICE)).toBeVisible();
    const merge = screen.getByRole('radio', { name: /^Merge with what is on this device/ });
    expect(merge).toHaveAccessibleName(
      expect.stringContaining(
        '0 new records will be added. No record differs from the one on this device. Nothing is removed. The young person erased from this device is left out.',
      ),
    );
    expect(screen.queryByRole('checkbox', { name: BRING_BACK })).not.toBeInTheDocument();
    await user.click(merge);
    const bringBack = screen.getByRole('checkbox', { name: BRING_BACK });
    expect(bringBack).not.toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Restore' }));

    expect(await resultLines()).toEqual([
      '0 records added.',
      '0 records updated with the newer version from the backup.',
      '0 records kept as they were on this device, being newer here.',
      '3 records already the same.',
      '1 young person erased from this device left out, with 3 records in all.',
    ]);
    expect(toastMessages()).toContain('Backup restored');
    expect(await namesOnDevice()).toEqual(['Mia']);
    expect(await getDb().goals.count()).toBe(1);
  });

  it('brings them back in a merge when the coach ticks the box', async () => {
    const json = await backupThenEraseSam();
    const user = await chooseFile(json);

    await user.click(screen.getByRole('radio', { name: /^Merge with what is on this device/ }));
    await user.click(screen.getByRole('checkbox', { name: BRING_BACK }));
    expect(
      screen.getByRole('radio', { name: /^Merge with what is on this device/ }),
    ).toHaveAccessibleName(
      expect.stringContaining(
        '3 new records will be added. No record differs from the one on this device. Nothing is removed. The young person erased from this device comes back.',
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Restore' }));

    expect(await resultLines()).toContain('1 young person erased from this device brought back.');
    expect(await namesOnDevice()).toEqual(['Mia', 'Sam']);
    expect(await getDb().goals.count()).toBe(2);
    expect(await getDb().ratings.count()).toBe(2);
  });

  it('says a replace brings them back, and restores exactly what the file holds', async () => {
    const json = await backupThenEraseSam();
    const user = await chooseFile(json);

    const replace = screen.getByRole('radio', { name: /^Replace everything on this device/ });
    expect(replace).toHaveAccessibleName(
      expect.stringContaining(
        'The young person erased from this device comes back with their records.',
      ),
    );
    await user.click(replace);
    expect(screen.queryByRole('checkbox', { name: BRING_BACK })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    const dialog = await screen.findByRole('alertdialog', {
      name: 'Replace everything on this device?',
    });
    expect(dialog).toHaveTextContent(
      'The young person erased from this device comes back with their records.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Replace everything' }));

    expect(await resultLines()).toContain('1 young person erased from this device brought back.');
    expect(await namesOnDevice()).toEqual(['Mia', 'Sam']);
  });

  it('says nothing of erasure for a file that holds no one erased here', async () => {
    await seedCase('Mia');
    const { json } = await makeBackup();
    await chooseFile(json);
    expect(screen.queryByText(/erased from this device/)).not.toBeInTheDocument();
  });
});
