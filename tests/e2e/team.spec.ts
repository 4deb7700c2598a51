/**
 * Working as a team (issue 14), in real Chromium against a CouchDB-protocol server the test
 * starts on 127.0.0.1 (reached only through the app's own /couchdb/): two coaches join their
 * caseloads from Settings > Team; their records reach the service as ciphertext only; a
 * dropped connection and a server restart lose nothing; a coach's replacement device joins
 * and gets the whole caseload back. Three browser contexts (three devices): the lead's, who
 * invites and accepts in Settings > Lead a team, and the two coaches'. What the service's IT
 * does (accounts, databases) is done before, with the provisioning code.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import {
  addYoungPerson,
  expectNoSideways,
  expectNoViolations,
  setUpPassphrase,
} from './support/helpers';
import {
  coachSizeRow,
  everythingOnServer,
  joinDevice,
  openTeamReport,
  setUpLeadDevice,
  startTeam,
  type TestTeam,
} from './support/team';

let team: TestTeam;

test.beforeAll(async () => {
  team = await startTeam(['coach-amber', 'coach-basil']);
});

test.afterAll(async () => {
  await team?.server.stop();
});

const statusLine = (page: Page) => page.locator('.team-status');

async function expectSaved(page: Page) {
  await expect(statusLine(page)).toContainText(/All changes saved to the service/, {
    timeout: 60_000,
  });
}

async function newDevice(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

async function freshDeviceWithPassphrase(browser: Browser): Promise<Page> {
  const page = await newDevice(browser);
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Choose a passphrase' }).click();
  await setUpPassphrase(page);
  return page;
}

test('two coaches sync their caseloads through the service, and a replacement device gets one back', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const [amber, basil] = team.coaches;
  if (!amber || !basil) throw new Error('Two coaches were set up.');

  // The lead's device.
  const leadPage = await freshDeviceWithPassphrase(browser);
  await setUpLeadDevice(leadPage, team);

  // Coach Amber: a young person first, on the device alone; then she joins.
  const amberPage = await newDevice(browser);
  await addYoungPerson(amberPage, 'Ada Fictional');
  await joinDevice(amberPage, leadPage, team, amber);
  await amberPage.goto('/');
  await expectSaved(amberPage);

  // Coach Basil joins too, with his own young person.
  const basilPage = await newDevice(browser);
  await addYoungPerson(basilPage, 'Bea Fictional');
  await joinDevice(basilPage, leadPage, team, basil);
  await basilPage.goto('/');
  await expectSaved(basilPage);

  // The server holds ciphertext only.
  for (const coach of [amber, basil]) {
    const stored = await everythingOnServer(team, coach.caseloadDatabase);
    expect(stored).toContain('"total_rows"');
    for (const word of ['Ada Fictional', 'Bea Fictional', 'Fictional']) {
      expect(stored).not.toContain(word);
    }
  }

  // A dropped connection: the change waits on the device, then goes when it is back.
  await amberPage.goto('/young-people/new');
  await amberPage.context().setOffline(true);
  await fillNewYoungPerson(amberPage, 'Cal Fictional');
  await expect(statusLine(amberPage)).toContainText(/Offline: 1 change waiting/, {
    timeout: 60_000,
  });
  await amberPage.context().setOffline(false);
  await expectSaved(amberPage);

  // The server restarts (its databases kept): syncing carries on by itself.
  await team.server.restart();
  await addAnother(amberPage, 'Dan Fictional');
  await expectSaved(amberPage);

  // Amber's replacement device joins and gets her whole caseload back; Basil's is not there.
  const replacement = await freshDeviceWithPassphrase(browser);
  await joinDevice(replacement, leadPage, team, amber);
  await replacement.goto('/');
  for (const name of ['Ada Fictional', 'Cal Fictional', 'Dan Fictional']) {
    await expect(replacement.getByRole('link', { name: new RegExp(name) })).toBeVisible({
      timeout: 60_000,
    });
  }
  await expect(replacement.getByText('Bea Fictional')).toHaveCount(0);

  // The lead's coach list shows both coaches, Amber with two devices.
  await leadPage.goto('/settings');
  const caseloads = leadPage.getByRole('list', { name: 'Caseloads' });
  await expect(caseloads).toContainText(amber.name);
  await expect(caseloads).toContainText(basil.name);

  // The lead's team report counts both coaches' young people, and narrows to one coach.
  await openTeamReport(leadPage);
  // Caseloads, young people, open cases, documents that could not be opened.
  expect(await coachSizeRow(leadPage, amber.name)).toEqual(['1', '3', '3', '0']);
  expect(await coachSizeRow(leadPage, basil.name)).toEqual(['1', '1', '1', '0']);
  const amberCases = leadPage.getByRole('table', { name: `Cases held by ${amber.name}` });
  for (const name of ['Ada Fictional', 'Cal Fictional', 'Dan Fictional']) {
    await expect(amberCases.getByRole('rowheader', { name })).toBeVisible();
  }
  await leadPage.getByLabel('Coach', { exact: true }).selectOption(basil.name);
  await expect(
    leadPage.getByRole('table', { name: `Cases held by ${basil.name}` }).getByRole('rowheader'),
  ).toHaveText(['Bea Fictional']);
  await expect(amberCases).toHaveCount(0);
  await expectNoViolations(leadPage, 'The team report');

  // Opening a case's records is asked first, then logged.
  await leadPage.getByRole('button', { name: 'Open records of Bea Fictional' }).click();
  const ask = leadPage.getByRole('alertdialog', { name: 'Open the records of Bea Fictional?' });
  await expect(ask).toBeVisible();
  await expectNoViolations(leadPage, 'The team report’s Open records dialog');
  await ask.getByRole('button', { name: 'Open records' }).click();
  await expect(leadPage.getByRole('heading', { name: 'Records of Bea Fictional' })).toBeFocused();
  await expect(leadPage.getByRole('list', { name: 'Records you opened' })).toContainText(
    'Bea Fictional',
  );
  // On a phone-sized screen (320 px) the report, its tables and the opened records fit.
  await leadPage.setViewportSize({ width: 320, height: 800 });
  await expectNoSideways(leadPage, 'The team report at 320 px');
  await leadPage.setViewportSize({ width: 1280, height: 800 });

  // Amber sets Cal a goal with a first rating; the lead moves Cal's case to Basil.
  await amberPage.goto('/');
  await amberPage.getByRole('link', { name: /Cal Fictional/ }).click();
  await amberPage.getByRole('link', { name: 'Add goal' }).first().click();
  await amberPage.getByLabel('What is the goal?').fill('Play in the school band');
  await amberPage.getByRole('checkbox', { name: /^Belonging/ }).check();
  await amberPage.getByRole('radio', { name: 'Together' }).check();
  await amberPage
    .getByRole('group', { name: /How close is the young person/ })
    .getByRole('radio', { name: '6', exact: true })
    .check();
  await amberPage.getByRole('button', { name: 'Save goal' }).click();
  await expect(amberPage.getByText('Goal added').last()).toBeVisible();
  await expectSaved(amberPage);

  await leadPage.getByRole('button', { name: 'Get the newest from the service' }).click();
  await expect(leadPage.getByText(/^Got the newest from the service at /)).toBeVisible({
    timeout: 60_000,
  });
  await leadPage.getByLabel('Coach', { exact: true }).selectOption('');
  await leadPage.getByRole('button', { name: 'Move Cal Fictional’s case…' }).click();
  await leadPage.getByLabel('Move to').selectOption({ label: basil.name });
  await leadPage.getByRole('button', { name: 'Continue' }).click();
  await leadPage.getByRole('button', { name: 'Move the case' }).click();
  await expect(
    leadPage.getByText(
      `Cal Fictional’s case moved to ${basil.name} (1 young person, 1 goal, 1 rating).`,
    ),
  ).toBeVisible({ timeout: 60_000 });
  await expect(
    leadPage.getByRole('table', { name: `Cases held by ${basil.name}` }).getByRole('rowheader'),
  ).toHaveText(['Bea Fictional', 'Cal Fictional'], { timeout: 60_000 });

  // Basil's device shows Cal with the goal and its rating; Amber's devices stop showing Cal.
  await basilPage.goto('/');
  await basilPage.getByRole('link', { name: /Cal Fictional/ }).click({ timeout: 60_000 });
  await expect(basilPage.getByText('Play in the school band').first()).toBeVisible();
  await expect(basilPage.getByText(/\b6\b/).first()).toBeVisible();
  for (const page of [amberPage, replacement]) {
    await page.goto('/');
    await expect(page.getByRole('link', { name: /Ada Fictional/ })).toBeVisible();
    await expect(page.getByRole('link', { name: /Cal Fictional/ })).toHaveCount(0, {
      timeout: 60_000,
    });
  }

  // Amber's first tablet is lost: the lead removes it. The caseload gets a new key; the
  // replacement takes it and goes on; the lost tablet stops syncing and says so.
  await leadPage.goto('/settings');
  const amberDevices = leadPage.getByRole('list', {
    name: `Devices holding ${amber.caseloadDatabase}`,
  });
  await expect(
    amberDevices.getByRole('button', { name: /^Remove the coach’s device/ }),
  ).toHaveCount(2);
  await amberDevices
    .getByRole('button', { name: /^Remove the coach’s device/ })
    .first()
    .click();
  const removing = leadPage.getByRole('alertdialog', { name: 'Remove this device from the team?' });
  await expectNoViolations(leadPage, 'The confirmation before removing a device');
  await removing.getByRole('button', { name: 'Remove the device' }).click();
  await expect(leadPage.getByText(/was removed\. The caseload has a new key\./)).toBeVisible({
    timeout: 60_000,
  });
  await expect(
    amberDevices.getByRole('button', { name: /^Remove the coach’s device/ }),
  ).toHaveCount(1, {
    timeout: 60_000,
  });

  await amberPage.goto('/');
  await expect(statusLine(amberPage)).toContainText(
    'Your service lead took this device off the team',
    {
      timeout: 60_000,
    },
  );
  await expect(amberPage.getByRole('link', { name: /Ada Fictional/ })).toBeVisible();

  await replacement.goto('/');
  await expectSaved(replacement);
  await addAnother(replacement, 'Eve Fictional');
  await expectSaved(replacement);
  // The lead's report counts Amber's young people once each (Ada, Dan and Eve), whatever key
  // their documents were sealed with.
  await openTeamReport(leadPage);
  await expect
    .poll(async () => (await coachSizeRow(leadPage, amber.name))[1], { timeout: 60_000 })
    .toBe('3');
  expect(await everythingOnServer(team, amber.caseloadDatabase)).not.toContain('Eve Fictional');
});

/** Adds a young person to a caseload that has some already. */
async function addAnother(page: Page, name: string) {
  await page.goto('/young-people/new');
  await fillNewYoungPerson(page, name);
}

async function fillNewYoungPerson(page: Page, name: string) {
  await page.getByLabel('Name or initials').fill(name);
  await page.getByRole('button', { name: 'Add young person' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}
