/**
 * A team on a real CouchDB-protocol test server (pouchdb-server in memory on 127.0.0.1): a lead,
 * coaches with a caseload database each, the team database, and the lead's device holding each
 * caseload's first key. For the team directory's tests; time is passed in, never waited for.
 */
import { expect } from 'vitest';
import { randomBytes } from '../../../../src/lib/crypto';
import {
  acceptAnswers,
  answerInvitation,
  collectCaseloadKeys,
  inviteCoach,
  setUpCaseload,
  type AnsweredInvitation,
  type CollectedCaseload,
  type TeamDirectory,
} from '../../../../src/team/directory';
import type { CaseloadKey } from '../../../../src/team/keys/caseload-key';
import { generateDeviceIdentity, type DeviceIdentity } from '../../../../src/team/keys/identity';
import type { VerifiedMembership } from '../../../../src/team/keys/membership';
import {
  createTeamDatabase,
  createTeamUser,
  provisionCoach,
  type TeamCredentials,
} from '../../../../src/team/provision';
import { startCouchServer, type CouchServer } from '../../../support/couch-server';

export function must<T>(
  result: { ok: true; value: T } | { ok: false; problem: { message: string } },
): T {
  if (!result.ok) throw new Error(result.problem.message);
  return result.value;
}

export async function newDevice(): Promise<DeviceIdentity> {
  return (await generateDeviceIdentity(randomBytes(32))).identity;
}

export interface DirectoryTeam {
  server: CouchServer;
  teamDatabase: string;
  leadUser: TeamCredentials;
  lead: DeviceIdentity;
  /** The lead's caseload keys, as the lead's device holds them. */
  leadKeys: CaseloadKey[];
  teamAs(who: TeamCredentials): TeamDirectory;
  user(name: string): TeamCredentials;
  caseload(name: string): string;
  /** Invite, answer, accept (the lead compared the fingerprint): one device joins. */
  join(
    coach: TeamCredentials,
    device: DeviceIdentity,
    database: string,
    now: Date,
  ): Promise<{ answered: AnsweredInvitation; newestList: VerifiedMembership }>;
  /** The caseloads whose keys the device collects (none refused). */
  collected(coach: TeamCredentials, device: DeviceIdentity): Promise<CollectedCaseload[]>;
  stop(): Promise<void>;
}

export async function startDirectoryTeam(
  coachNames: readonly string[],
  now: Date,
): Promise<DirectoryTeam> {
  const server = await startCouchServer();
  const leadUser: TeamCredentials = { name: 'lead-1', password: 'lead password 1' };
  const coachUsers = coachNames.map((name) => ({ name, password: `${name} password` }));
  must(await createTeamUser(server.url, server.admin, leadUser));
  const teamDatabase = must(
    await createTeamDatabase(server.url, server.admin, { lead: leadUser.name }),
  ).database;
  const caseloadOf = new Map<string, string>();
  for (const coach of coachUsers) {
    const provisioned = must(
      await provisionCoach(server.url, server.admin, coach, leadUser.name, teamDatabase),
    );
    caseloadOf.set(coach.name, provisioned.database);
  }
  const lead = await newDevice();
  const teamAs = (who: TeamCredentials): TeamDirectory => ({
    address: server.url,
    credentials: who,
    database: teamDatabase,
  });
  const caseload = (name: string) => {
    const database = caseloadOf.get(name);
    if (!database) throw new Error(name);
    return database;
  };
  const leadKeys: CaseloadKey[] = [];
  for (const coach of coachUsers) {
    leadKeys.push(must(await setUpCaseload(teamAs(leadUser), lead, caseload(coach.name), now)));
  }
  return {
    server,
    teamDatabase,
    leadUser,
    lead,
    leadKeys,
    teamAs,
    caseload,
    user(name) {
      const found = coachUsers.find((candidate) => candidate.name === name);
      if (!found) throw new Error(name);
      return found;
    },
    async join(coach, device, database, at) {
      const invited = must(
        await inviteCoach(
          teamAs(leadUser),
          lead,
          { coachName: coach.name, caseloadDatabase: database },
          at,
        ),
      );
      const answered = must(await answerInvitation(teamAs(coach), invited.code, device, at));
      const [outcome] = await acceptAnswers(
        teamAs(leadUser),
        lead,
        [JSON.parse(JSON.stringify(invited.pending))],
        leadKeys,
        at,
        [],
        { [invited.pending.invitation.inviteId]: device.fingerprint },
      );
      expect(outcome).toMatchObject({ state: 'accepted', coachFingerprint: device.fingerprint });
      if (outcome?.state !== 'accepted') throw new Error('not accepted');
      return { answered, newestList: outcome.membership };
    },
    async collected(coach, device) {
      const result = must(await collectCaseloadKeys(teamAs(coach), device, lead.fingerprint));
      if (result.state !== 'collected') throw new Error(result.message);
      expect(result.refused).toEqual([]);
      return result.caseloads;
    },
    stop: () => server.stop(),
  };
}
