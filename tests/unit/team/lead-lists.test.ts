/**
 * The lists the lead's device keeps (issue 14, review finding 9): a list kept is replaced only
 * by a newer one, so a late or second "Check for answers" (two tabs, a double click) never puts
 * an older list back over a newer one and weakens the rollback check. No server: the team
 * directory's answers are given by the test. Time is passed in.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../src/db/database';
import { getDataKey } from '../../../src/db/encryption/session-key';
import { readTeamLead, saveTeamLead } from '../../../src/db/repositories/team-lead';
import {
  checkForAnswers,
  openLead,
  teamDirectory,
  type LeadDirectory,
} from '../../../src/features/team-lead/lead-actions';
import type { AcceptOutcome, PendingInvitation } from '../../../src/team/directory';
import { createCaseloadKey } from '../../../src/team/keys/caseload-key';
import { generateDeviceIdentity, type DeviceIdentity } from '../../../src/team/keys/identity';
import { createInvitation } from '../../../src/team/keys/invitation';
import { signMembership, verifyMembership } from '../../../src/team/keys/membership';

const NOW = new Date('2026-12-07T10:00:00.000Z');
const TEAM = `team-${'abcdef0123456789'.repeat(2)}`;
const CASELOAD = `caseload-${'0123456789abcdef'.repeat(2)}`;

beforeEach(async () => {
  await getDb().delete();
  await getDb().open();
});

async function list(lead: DeviceIdentity, version: number) {
  const key = await createCaseloadKey(CASELOAD);
  const signed = await signMembership(lead, {
    caseloadId: CASELOAD,
    version,
    members: [
      { fingerprint: lead.fingerprint, role: 'lead' },
      ...Array.from({ length: version - 1 }, (_, i) => ({
        fingerprint: String(i + 1)
          .repeat(64)
          .slice(0, 64),
        role: 'coach' as const,
      })),
    ],
    keys: [key],
    issuedAt: NOW.toISOString(),
  });
  const verified = await verifyMembership(signed, {
    lead: lead.publicKeys,
    caseloadId: CASELOAD,
  });
  if (!verified.ok) throw new Error('The test list does not verify.');
  return { signed, verified: verified.membership };
}

/** A lead's device keeping list `keptVersion`, with one invitation waiting. */
async function leadKeeping(keptVersion: number) {
  const { identity, stored } = await generateDeviceIdentity(getDataKey() as Uint8Array);
  const made = await createInvitation(identity, { now: NOW });
  const pending: PendingInvitation = {
    format: 'resilience-coaching/pending-team-invitation',
    invitation: made.invitation,
    coachName: 'coach-amber',
    caseloadDatabase: CASELOAD,
  };
  await saveTeamLead(
    {
      teamDatabase: TEAM,
      userName: 'lead-rowan',
      password: 'lead horse battery',
      identity: stored,
      caseloadKeys: [],
      pending: [pending],
      heldLists: [(await list(identity, keptVersion)).signed],
    },
    NOW,
  );
  return { identity, pending };
}

/** A directory whose acceptAnswers says the invitation was accepted into list `version`. */
function acceptingInto(identity: DeviceIdentity, version: number): LeadDirectory {
  return {
    ...teamDirectory,
    acceptAnswers: async (_team, _lead, pending) => {
      const [p] = pending as PendingInvitation[];
      if (!p) return [];
      const outcome: AcceptOutcome = {
        inviteId: p.invitation.inviteId,
        coachName: p.coachName,
        caseloadDatabase: p.caseloadDatabase,
        state: 'accepted',
        coachFingerprint: 'f'.repeat(64),
        shownFingerprint: '12345 67890 12345 67890 12345 67890',
        membership: (await list(identity, version)).verified,
      };
      return [outcome];
    },
  };
}

async function keptVersions() {
  return (await readTeamLead())?.heldLists.map((s) => s.membership.version);
}

describe('the lists the lead keeps', () => {
  it('never replaces a newer kept list with an older one', async () => {
    const { identity } = await leadKeeping(3);
    const lead = await readTeamLead();
    if (!lead) throw new Error('no lead');
    // Another tab kept version 3 while this one's check accepted into version 2.
    await checkForAnswers(await openLead(lead), acceptingInto(identity, 2), NOW);
    expect(await keptVersions()).toEqual([3]);
  });

  it('replaces it with a newer one', async () => {
    const { identity } = await leadKeeping(3);
    const lead = await readTeamLead();
    if (!lead) throw new Error('no lead');
    await checkForAnswers(await openLead(lead), acceptingInto(identity, 4), NOW);
    expect(await keptVersions()).toEqual([4]);
  });
});
