/**
 * A team for the end-to-end journeys (issue 14): a CouchDB-protocol server on the port the
 * preview proxies /couchdb/ to (playwright.config.ts), a lead, coaches with their caseload
 * databases, and the lead's device keys, all made here with the provisioning code and the
 * team directory. The browser pages reach the server only through the app's /couchdb/.
 */
import { expect, type Page } from '@playwright/test';
import { randomBytes } from '../../../src/lib/crypto';
import {
  acceptAnswers,
  inviteCoach,
  setUpCaseload,
  type TeamDirectory,
} from '../../../src/team/directory';
import type { CaseloadKey } from '../../../src/team/keys/caseload-key';
import { generateDeviceIdentity, type DeviceIdentity } from '../../../src/team/keys/identity';
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

const NOW = () => new Date();

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
  lead: DeviceIdentity;
  leadUser: TeamCredentials;
  keys: CaseloadKey[];
  coaches: Coach[];
}

/** Starts the server (kept on disk, so it can restart) and sets up a lead and coaches. */
export async function startTeam(coachNames: string[]): Promise<TestTeam> {
  const server = await startCouchServer({ port: TEAM_PORT, persist: true });
  const leadUser = { name: 'lead-one', password: 'lead password one' };
  must(await createTeamUser(server.url, server.admin, leadUser));
  const { database: teamDatabase } = must(
    await createTeamDatabase(server.url, server.admin, { lead: leadUser.name }),
  );
  const lead = (await generateDeviceIdentity(randomBytes(32))).identity;
  const coaches: Coach[] = [];
  const keys: CaseloadKey[] = [];
  const team = { address: server.url, credentials: leadUser, database: teamDatabase };
  for (const name of coachNames) {
    const coach = { name, password: `${name} password` };
    const { database } = must(
      await provisionCoach(server.url, server.admin, coach, leadUser.name, teamDatabase),
    );
    keys.push(must(await setUpCaseload(team, lead, database, NOW())));
    coaches.push({ ...coach, caseloadDatabase: database });
  }
  return { server, teamDatabase, lead, leadUser, keys, coaches };
}

function leadDirectory(team: TestTeam): TeamDirectory {
  return { address: team.server.url, credentials: team.leadUser, database: team.teamDatabase };
}

/**
 * Joins the device of `page` (unlocked, passphrase chosen) to `coach`'s caseload, as a coach
 * does in Settings > Team, with the lead accepting it in between.
 */
export async function joinDevice(page: Page, team: TestTeam, coach: Coach): Promise<void> {
  const invited = must(
    await inviteCoach(
      leadDirectory(team),
      team.lead,
      { coachName: coach.name, caseloadDatabase: coach.caseloadDatabase },
      NOW(),
    ),
  );
  await page.goto('/settings');
  const section = page.getByRole('region', { name: 'Team', exact: true });
  await section.getByLabel('Team name').fill(team.teamDatabase);
  await section.getByLabel('Your user name').fill(coach.name);
  await section.getByLabel('Your password').fill(coach.password);
  await section.getByLabel('Invitation code').fill(invited.code);
  await section.getByRole('button', { name: 'Answer the invitation' }).click();
  await expect(section.getByRole('heading', { name: 'Waiting for your service lead' })).toBeVisible(
    { timeout: 30_000 },
  );
  const [outcome] = await acceptAnswers(
    leadDirectory(team),
    team.lead,
    [invited.pending],
    team.keys,
    NOW(),
  );
  expect(outcome?.state).toBe('accepted');
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
