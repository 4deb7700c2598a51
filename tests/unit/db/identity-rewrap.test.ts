/**
 * Sealing a team row's device identity again when the data key changes (issue 14, review
 * finding 10): the identity is sealed again before the reseal transaction, and inside it the
 * row is read again and only its identity replaced, so a write that finished in between (an
 * invitation made, a list accepted, a caseload key kept) is not lost.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../src/db/database';
import { getDataKey } from '../../../src/db/encryption/session-key';
import {
  IdentityChangedError,
  prepareIdentityRewrap,
} from '../../../src/db/repositories/identity-rewrap';
import {
  readTeamConnection,
  saveTeamConnection,
  teamConnectionSchema,
} from '../../../src/db/repositories/team-connection';
import {
  checkTeamJoin,
  readTeamJoin,
  saveTeamJoin,
  teamJoinSchema,
} from '../../../src/db/repositories/team-join';
import {
  readTeamLead,
  saveTeamLead,
  teamLeadSchema,
  updateTeamLead,
} from '../../../src/db/repositories/team-lead';
import { TEAM_CONNECTION_KEY, TEAM_JOIN_KEY, TEAM_LEAD_KEY } from '../../../src/db/settings-keys';
import { createCaseloadKey, wrapCaseloadKey } from '../../../src/team/keys/caseload-key';
import {
  generateDeviceIdentity,
  IdentityError,
  openDeviceIdentity,
} from '../../../src/team/keys/identity';
import { connectionFor, teamFixture } from '../../support/team-connection';
import { freshDb, NOW } from './fixtures';

const TEAM = `team-${'abcdef0123456789'.repeat(2)}`;
const CASELOAD = `caseload-${'0123456789abcdef'.repeat(2)}`;

let dataKey: Uint8Array;
let newKey: Uint8Array;

beforeEach(async () => {
  await freshDb();
  dataKey = new Uint8Array(getDataKey() as Uint8Array);
  newKey = crypto.getRandomValues(new Uint8Array(32));
});

/** Runs a store function the way the key change does: inside a transaction on settings. */
async function inTransaction(store: (() => Promise<void>) | null): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.settings, async () => {
    await store?.();
  });
}

async function saveLead() {
  const { stored } = await generateDeviceIdentity(dataKey);
  return saveTeamLead(
    {
      teamDatabase: TEAM,
      userName: 'lead-rowan',
      password: 'lead horse battery',
      identity: stored,
      caseloadKeys: [],
      pending: [],
      heldLists: [],
    },
    NOW,
  );
}

describe("the lead's identity sealed again", () => {
  it('keeps a caseload key saved between sealing and storing', async () => {
    const before = await saveLead();
    const store = await prepareIdentityRewrap(TEAM_LEAD_KEY, teamLeadSchema, dataKey, newKey);
    expect(store).not.toBeNull();

    // An invitation finishes meanwhile: it keeps a new caseload key on the device.
    const { identity: lead } = await generateDeviceIdentity(dataKey);
    const wrapped = await wrapCaseloadKey(await createCaseloadKey(CASELOAD), lead.publicKeys);
    await updateTeamLead(
      (current) => ({
        ...current,
        caseloadKeys: [{ ...wrapped, recipient: before.identity.fingerprint }],
      }),
      NOW,
    );

    await inTransaction(store);

    const after = await readTeamLead();
    expect(after?.caseloadKeys).toHaveLength(1);
    expect(after?.caseloadKeys[0]?.caseloadId).toBe(CASELOAD);
    const opened = await openDeviceIdentity(after?.identity, newKey);
    expect(opened.fingerprint).toBe(before.identity.fingerprint);
    await expect(openDeviceIdentity(after?.identity, dataKey)).rejects.toBeInstanceOf(
      IdentityError,
    );
  });

  it('does not bring back a row forgotten meanwhile', async () => {
    await saveLead();
    const store = await prepareIdentityRewrap(TEAM_LEAD_KEY, teamLeadSchema, dataKey, newKey);
    await getDb().settings.delete(TEAM_LEAD_KEY);
    await inTransaction(store);
    expect(await readTeamLead()).toBeNull();
  });

  it('refuses (so the key change is undone) when the row holds another identity now', async () => {
    await saveLead();
    const store = await prepareIdentityRewrap(TEAM_LEAD_KEY, teamLeadSchema, dataKey, newKey);
    await getDb().settings.delete(TEAM_LEAD_KEY);
    const other = await saveLead();
    await expect(inTransaction(store)).rejects.toBeInstanceOf(IdentityChangedError);
    expect((await readTeamLead())?.identity).toEqual(other.identity);
  });

  it('is null with no row, or an identity the old key does not open', async () => {
    expect(await prepareIdentityRewrap(TEAM_LEAD_KEY, teamLeadSchema, dataKey, newKey)).toBeNull();
    await saveLead();
    const wrongKey = crypto.getRandomValues(new Uint8Array(32));
    expect(await prepareIdentityRewrap(TEAM_LEAD_KEY, teamLeadSchema, wrongKey, newKey)).toBeNull();
  });
});

describe('the same for the connection and a join in progress', () => {
  it("keeps the connection's newer details", async () => {
    const team = await teamFixture();
    const input = await connectionFor(team, dataKey);
    await saveTeamConnection(input, NOW);
    const store = await prepareIdentityRewrap(
      TEAM_CONNECTION_KEY,
      teamConnectionSchema,
      dataKey,
      newKey,
    );
    await saveTeamConnection({ ...input, password: 'a newer password' }, NOW);

    await inTransaction(store);

    const after = await readTeamConnection();
    expect(after?.password).toBe('a newer password');
    await expect(openDeviceIdentity(after?.identity, newKey)).resolves.toBeDefined();
  });

  it("keeps a join's newer details", async () => {
    const team = await teamFixture();
    const { stored } = await generateDeviceIdentity(dataKey);
    const join = checkTeamJoin(
      {
        server: '/couchdb',
        teamDatabase: TEAM,
        userName: 'coach-amber',
        password: 'correct horse battery',
        identity: stored,
        lead: team.lead.publicKeys,
        leadFingerprint: team.lead.fingerprint,
      },
      NOW,
    );
    await saveTeamJoin(join);
    const store = await prepareIdentityRewrap(TEAM_JOIN_KEY, teamJoinSchema, dataKey, newKey);
    await getDb().settings.put({
      key: TEAM_JOIN_KEY,
      value: { ...join, password: 'a newer password' },
    });

    await inTransaction(store);

    const after = await readTeamJoin();
    expect(after?.password).toBe('a newer password');
    await expect(openDeviceIdentity(after?.identity, newKey)).resolves.toBeDefined();
  });
});
