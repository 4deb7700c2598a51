/**
 * A team for the end-to-end journeys (issue 14): a CouchDB-protocol server on the port the
 * preview proxies /couchdb/ to (playwright.config.ts), with what the service's IT provisions
 * (the lead's and the coaches' accounts, a caseload database for each coach, the team
 * database). Everything after that happens in the browser pages, as the lead and the coaches
 * do it; the pages reach the server only through the app's /couchdb/.
 */
import { expect, type Page } from '@playwright/test';
import {
  createTeamDatabase,
  createTeamUser,
  provisionCoach,
  type TeamCredentials,
} from '../../../src/team/provision';
import { basicAuth, startCouchServer, type CouchServer } from '../../support/couch-server';

/** The port playwright.config.ts has the preview proxy /couchdb/ to. */
export const TEAM_PORT = Number(
  process.env.E2E_TEAM_PORT ?? Number(process.env.E2E_PORT ?? 4319) + 1000,
);

function must<T>(result: { ok: true; value: T } | { ok: false; problem: { message: string } }): T {
  if (!result.ok) throw new Error(result.problem.message);
  return result.value;
}

export interface Coach extends TeamCredentials {
  caseloadDatabase: string;
}

export interface TestTeam {
  server: CouchServer;
  teamDatabase: string;
  leadUser: TeamCredentials;
  coaches: Coach[];
}

/** Starts the server (kept on disk, so it can restart) and provisions the accounts. */
export async function startTeam(coachNames: string[]): Promise<TestTeam> {
  const server = await startCouchServer({ port: TEAM_PORT, persist: true });
  const leadUser = { name: 'lead-one', password: 'lead password one' };
  must(await createTeamUser(server.url, server.admin, leadUser));
  const { database: teamDatabase } = must(
    await createTeamDatabase(server.url, server.admin, { lead: leadUser.name }),
  );
  const coaches: Coach[] = [];
  for (const name of coachNames) {
    const coach = { name, password: `${name} password` };
    const { database } = must(
      await provisionCoach(server.url, server.admin, coach, leadUser.name, teamDatabase),
    );
    coaches.push({ ...coach, caseloadDatabase: database });
  }
  return { server, teamDatabase, leadUser, coaches };
}

const leadSection = (page: Page) => page.getByRole('region', { name: 'Lead a team' });
const teamSection = (page: Page) => page.getByRole('region', { name: 'Team', exact: true });

/** The lead's device (unlocked, passphrase chosen) set up to lead the team, in Settings. */
export async function setUpLeadDevice(page: Page, team: TestTeam): Promise<void> {
  await page.goto('/settings');
  const section = leadSection(page);
  await section.getByLabel('Team name').fill(team.teamDatabase);
  await section.getByLabel('User name').fill(team.leadUser.name);
  await section.getByLabel('Password').fill(team.leadUser.password);
  await section.getByRole('button', { name: 'Set up' }).click();
  await expect(section.getByRole('heading', { name: 'Invite a coach' })).toBeVisible({
    timeout: 30_000,
  });
}

/**
 * Joins the coach's device (`page`: unlocked, passphrase chosen) to their caseload: the lead
 * (`leadPage`) makes an invitation, the coach types its code in Settings > Team, the lead
 * checks for answers and accepts, the coach checks again.
 */
export async function joinDevice(
  page: Page,
  leadPage: Page,
  team: TestTeam,
  coach: Coach,
): Promise<void> {
  await leadPage.goto('/settings');
  const lead = leadSection(leadPage);
  await lead.getByLabel('Coach’s user name').fill(coach.name);
  await lead.getByLabel('Their caseload').fill(coach.caseloadDatabase);
  await lead.getByRole('button', { name: 'Make an invitation' }).click();
  const invitation = lead.getByRole('region', { name: 'Invitation code' });
  await expect(invitation).toBeVisible({ timeout: 30_000 });
  const code = (await invitation.locator('.team-lead__code-text').textContent()) ?? '';
  const leadFingerprint = (await invitation.locator('.team-lead__fingerprint').textContent()) ?? '';

  await page.goto('/settings');
  const section = teamSection(page);
  await section.getByLabel('Team name').fill(team.teamDatabase);
  await section.getByLabel('Your user name').fill(coach.name);
  await section.getByLabel('Your password').fill(coach.password);
  await section.getByLabel('Invitation code').fill(code);
  await section.getByRole('button', { name: 'Answer the invitation' }).click();
  await expect(section.getByRole('heading', { name: 'Waiting for your service lead' })).toBeVisible(
    { timeout: 30_000 },
  );
  // The coach's screen shows the same lead fingerprint as the lead's.
  await expect(section.getByText(leadFingerprint.trim(), { exact: true })).toBeVisible();

  await lead.getByRole('button', { name: 'Check for answers' }).click();
  // The lead compares the answering device's fingerprint with the coach's screen ("This
  // device's number"), ticks that it is the same, and only then accepts the device.
  const answered = lead.getByRole('group', { name: new RegExp(`^Answered: ${coach.name} `) });
  await expect(answered).toBeVisible({ timeout: 30_000 });
  const coachDevice = (await section.locator('.team-join__fingerprint').nth(1).textContent()) ?? '';
  await expect(answered.locator('.team-lead__fingerprint')).toHaveText(coachDevice.trim());
  await answered
    .getByLabel('I have compared the fingerprint with the coach’s screen: it is the same')
    .check();
  await answered.getByRole('button', { name: 'Accept this device' }).click();
  await expect(lead.getByRole('list', { name: 'Answers' })).toContainText(
    `Accepted: ${coach.name}`,
    { timeout: 30_000 },
  );

  await section.getByRole('button', { name: 'Check again' }).click();
  // Joined: Settings > Team now shows the connection instead of the join form.
  await expect(section.getByText('This device syncs its caseload with your service')).toBeVisible({
    timeout: 30_000,
  });
}

/** Every document of a database as the server's administrator reads it, as one text. */
export async function everythingOnServer(team: TestTeam, database: string): Promise<string> {
  const response = await fetch(
    `${team.server.url}/${database}/_all_docs?include_docs=true&conflicts=true`,
    { headers: { authorization: basicAuth(team.server.admin) } },
  );
  expect(response.status).toBe(200);
  return await response.text();
}

/**
 * The lead opens the Team report from the main navigation and waits until every caseload has
 * been got from the service.
 */
export async function openTeamReport(leadPage: Page): Promise<void> {
  await leadPage.goto('/');
  await leadPage
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Team report' })
    .click();
  await expect(leadPage.getByRole('heading', { level: 1, name: 'Team report' })).toBeVisible();
  await expect(leadPage.locator('.team-report__status')).toContainText(
    'Got the newest from the service',
    { timeout: 60_000 },
  );
}

/** A coach's row in the team report's caseload sizes: its cells' texts. */
export async function coachSizeRow(leadPage: Page, coachName: string): Promise<string[]> {
  const table = leadPage.getByRole('table', { name: 'Coaches and their caseloads' });
  const row = table.getByRole('row').filter({
    has: leadPage.getByRole('rowheader', { name: coachName, exact: true }),
  });
  return (await row.getByRole('cell').allTextContents()).map((t) => t.trim());
}
