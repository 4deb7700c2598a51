import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import {
  E2E_FILE_PASSPHRASE,
  expectNoViolations,
  fillFilePassphrase,
  setUpPassphrase,
} from './support/helpers';

// Backing up and restoring, in real Chromium: the file is checked in a Web Worker, merged
// or put in place of everything, and a bad file changes nothing.

interface BackupJson {
  format: string;
  version: number;
  youngPeople: { name: string }[];
}

async function loadDemo(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Explore with demo data' }).click();
  await expect(page.getByRole('link', { name: 'Demo: Amara' })).toBeVisible();
}

/** The Backup page; the first time, it asks for a passphrase (a backup holds real records). */
async function openBackupPage(page: Page) {
  await page.goto('/backup');
  const heading = page.getByRole('heading', { level: 1, name: 'Backup and restore' });
  const setUp = page.getByRole('heading', { level: 1, name: 'Choose a passphrase' });
  await expect(heading.or(setUp)).toBeVisible();
  if (await setUp.isVisible()) await setUpPassphrase(page);
  await expect(heading).toBeVisible();
}

async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

async function caseloadNames(page: Page): Promise<string[]> {
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Demo: Amara' })).toBeVisible();
  const names = await page.getByRole('main').getByRole('link').allTextContents();
  return names.filter((n) => n.startsWith('Demo:') || n === 'Zed');
}

async function chooseBackup(page: Page, name: string, text: string) {
  await page
    .getByLabel('Backup file')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('a coach backs up, then restores by merging and by replacing', async ({ page }) => {
  test.setTimeout(180_000);
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await loadDemo(page);
  await openBackupPage(page);
  await expect(page.getByText('No backup has been made on this device yet.')).toBeVisible();
  await expectNoViolations(page, 'The backup page');

  // Protected by default: the file is ciphertext, opened only with its passphrase.
  await expect(
    page.getByRole('checkbox', { name: 'Protect this backup with a passphrase' }),
  ).toBeChecked();
  await fillFilePassphrase(page);
  const backup = await download(page, 'Back up now');
  expect(backup.name).toMatch(
    /^resilience-coaching-backup-\d{4}-\d{2}-\d{2}-\d{4}-protected\.json$/,
  );
  expect(backup.text).not.toContain('Demo:');
  expect(JSON.parse(backup.text)).toMatchObject({
    format: 'resilience-coaching-backup-encrypted',
    kdf: { name: 'PBKDF2', iterations: 600000 },
    cipher: { name: 'AES-GCM' },
  });
  await expect(page.getByText(`Backup saved: ${backup.name}`)).toBeVisible();
  await expect(page.getByText(/^Last backup: /)).toBeVisible();

  // A change after the backup: a new young person.
  await page.goto('/young-people/new');
  await page.getByLabel('Name or initials').fill('Zed');
  await page.getByRole('button', { name: 'Add young person' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Zed' })).toBeVisible();
  const before = await caseloadNames(page);
  expect(before).toContain('Zed');
  expect(before).toHaveLength(6);

  // Merge: everything in the file is unchanged, and Zed stays.
  await openBackupPage(page);
  await chooseBackup(page, backup.name, backup.text);
  await page.getByLabel('Passphrase for this backup').fill(E2E_FILE_PASSPHRASE);
  await page.getByRole('button', { name: 'Open backup' }).click();
  const table = page.getByRole('table', { name: /compared with this device/ });
  await expect(table).toBeVisible();
  await expect(table.getByRole('row', { name: /^Young people 5 0 0 5$/ })).toBeVisible();
  await expect(page.getByText(/1 record on this device is not in the file/)).toBeVisible();
  // The file was checked off the main thread.
  expect(workers.some((url) => /parse-backup\.worker/.test(url))).toBe(true);
  await expectNoViolations(page, 'The restore preview');
  await page.getByRole('radio', { name: /^Merge with what is on this device/ }).check();
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  const merged = page.getByRole('status').filter({ hasText: 'Backup merged' });
  await expect(merged).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Backup merged' })).toBeFocused();
  await expectNoViolations(page, 'The merge result');
  expect(await caseloadNames(page)).toEqual(before);

  // Replace: Zed is removed, and the safety copy still holds Zed.
  await openBackupPage(page);
  await chooseBackup(page, backup.name, backup.text);
  await page.getByLabel('Passphrase for this backup').fill(E2E_FILE_PASSPHRASE);
  await page.getByRole('button', { name: 'Open backup' }).click();
  await page.getByRole('radio', { name: 'Replace everything on this device' }).check();
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Replace everything on this device?' });
  await expect(dialog).toBeVisible();
  await expectNoViolations(page, 'The replace confirmation');
  await dialog.getByRole('button', { name: 'Replace everything' }).click();
  await expect(page.getByRole('heading', { name: /^Backup restored/ })).toBeFocused();
  await expectNoViolations(page, 'The replace result');
  // The safety copy is protected unless the coach says otherwise, after being told what a
  // plain file exposes.
  await page.getByRole('button', { name: 'Download the safety copy' }).click();
  const save = page.getByRole('dialog', { name: 'Download the safety copy' });
  await expect(save.getByLabel('Passphrase', { exact: true })).toBeFocused();
  await expectNoViolations(page, 'The safety copy download dialog');
  await save.getByRole('checkbox', { name: 'Protect this file with a passphrase' }).click();
  const ask = page.getByRole('alertdialog', { name: 'Save the file without a passphrase?' });
  await expect(ask).toContainText("every young person's name, date of birth");
  await expectNoViolations(page, 'The question before saving a plain file');
  await ask.getByRole('button', { name: 'Save without a passphrase' }).click();
  await expect(ask).toBeHidden();
  const [safetyFile] = await Promise.all([
    page.waitForEvent('download'),
    save.getByRole('button', { name: 'Download the safety copy' }).click(),
  ]);
  const safety = {
    name: safetyFile.suggestedFilename(),
    text: await readFile(await safetyFile.path(), 'utf8'),
  };
  expect(safety.name).toMatch(/\.json$/);
  expect(safety.name).not.toMatch(/protected/);
  const safetyNames = (JSON.parse(safety.text) as BackupJson).youngPeople.map((y) => y.name);
  expect(safetyNames).toContain('Zed');
  expect(safetyNames).toHaveLength(6);
  const after = await caseloadNames(page);
  expect(after).not.toContain('Zed');
  expect(after).toHaveLength(5);

  // The safety copy is offered on the page until deleted.
  await openBackupPage(page);
  await expect(page.getByText(/^Safety copy from before the restore on /)).toBeVisible();
  await expectNoViolations(page, 'The backup page with a safety copy');
});

test('an old backup merge cannot resurrect a deleted session', async ({ page }) => {
  test.setTimeout(120_000);
  await loadDemo(page);
  await openBackupPage(page);
  await fillFilePassphrase(page);
  const old = await download(page, 'Back up now');

  // After the backup, the coach deletes one of Amara's sessions.
  await page.goto('/');
  await page.getByRole('link', { name: 'Demo: Amara' }).click();
  const session = page.locator('a.session-list__link').first();
  const sessionPath = await session.getAttribute('href');
  if (!sessionPath) throw new Error('Amara has no session to delete');
  await session.click();
  await page.getByRole('button', { name: 'Delete session' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete this session?' });
  await confirm.getByRole('button', { name: 'Delete session' }).click();
  await expect(page.getByText('Session deleted').last()).toBeVisible();

  // Merging the older backup says it leaves the session out, and does.
  await openBackupPage(page);
  await chooseBackup(page, old.name, old.text);
  await page.getByLabel('Passphrase for this backup').fill(E2E_FILE_PASSPHRASE);
  await page.getByRole('button', { name: 'Open backup' }).click();
  const merge = page.getByRole('radio', { name: /^Merge with what is on this device/ });
  await expect(merge).toHaveAccessibleName(
    /not be brought back because (it was|they were) deleted on this device/,
  );
  await merge.check();
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  const merged = page.getByRole('status').filter({ hasText: 'Backup merged' });
  await expect(merged).toContainText(
    /\d+ records? not brought back because (it was|they were) deleted on this device\./,
  );
  await expectNoViolations(page, 'The merge result with records not brought back');

  await page.goto(sessionPath);
  await expect(
    page.getByText('This session could not be found. It may have been deleted.'),
  ).toBeVisible();
});

test('a file that is not a valid backup is reported and changes nothing', async ({ page }) => {
  await loadDemo(page);
  const before = await caseloadNames(page);
  await openBackupPage(page);

  const broken = {
    format: 'resilience-coaching-backup',
    version: 1,
    exportedAt: '2026-11-23T14:05:00.000Z',
    youngPeople: [],
    goals: [
      {
        id: 'g-12',
        youngPersonId: 'nobody',
        text: 'To sleep better',
        domains: ['flying'],
        moves: [],
        setBy: 'coach',
        status: 'active',
        createdAt: '2026-11-23T14:05:00.000Z',
        updatedAt: '2026-11-23T14:05:00.000Z',
      },
    ],
    sessions: [],
    ratings: [],
  };
  await chooseBackup(page, 'broken.json', JSON.stringify(broken));
  const report = page.getByRole('alert').filter({ hasText: "This file can't be restored" });
  await expect(report).toBeVisible();
  await expect(report).toContainText('goals[0] (id g-12)');
  await expect(report).toContainText('Nothing has been changed.');
  await expect(page.getByRole('button', { name: 'Restore', exact: true })).toHaveCount(0);
  await expectNoViolations(page, 'The report on a bad file');

  await chooseBackup(page, 'notes.json', 'these are not JSON');
  await expect(page.getByRole('alert')).toContainText('it is not JSON');
  expect(await caseloadNames(page)).toEqual(before);
});
