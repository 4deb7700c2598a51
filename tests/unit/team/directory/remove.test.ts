/**
 * Taking a lost device, or a coach, off a caseload (issue 14): a new caseload key, wrapped only
 * for the devices that stay, and a new signed list. Against a real CouchDB-protocol server
 * (tests/support/couch-server.ts); time is passed in.
 */
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkCaseload,
  collectCaseloadKeys,
  listCaseloads,
  removeFromCaseload,
  type CaseloadCheck,
} from '../../../../src/team/directory';
import { deviceId, keyId } from '../../../../src/team/directory/documents';
import { writeDocument } from '../../../../src/team/directory/store';
import {
  rotateCaseloadKey,
  wrapCaseloadKey,
  type CaseloadKey,
} from '../../../../src/team/keys/caseload-key';
import { openEnvelope, sealEnvelope } from '../../../../src/team/keys/envelope';
import type { DeviceIdentity } from '../../../../src/team/keys/identity';
import type { VerifiedMembership } from '../../../../src/team/keys/membership';
import { basicAuth } from '../../../support/couch-server';
import { must, newDevice, startDirectoryTeam, type DirectoryTeam } from './directory-fixtures';

const NOW = new Date('2026-12-07T10:00:00.000Z');
const LATER = new Date('2026-12-08T10:00:00.000Z');
const note = z.object({ text: z.string() });

let team: DirectoryTeam;

beforeAll(async () => {
  team = await startDirectoryTeam(['coach-a', 'coach-b', 'coach-c'], NOW);
});

afterAll(async () => {
  await team?.stop();
});

/** The server's own view of a team document (null when there is none). */
async function serverDocument(id: string): Promise<Record<string, unknown> | null> {
  const response = await fetch(
    `${team.server.url}/${team.teamDatabase}/${encodeURIComponent(id)}`,
    { headers: { authorization: basicAuth(team.server.admin) } },
  );
  if (response.status === 404) return null;
  return (await response.json()) as Record<string, unknown>;
}

/** One coach's caseload with two devices joined, as each device took it. */
async function caseloadWithTwoDevices(coach: string) {
  const database = team.caseload(coach);
  const devices = [await newDevice(), await newDevice()] as const;
  for (const device of devices) await team.join(team.user(coach), device, database, NOW);
  const held = await Promise.all(
    devices.map(async (device) => {
      const [found] = await team.collected(team.user(coach), device);
      if (!found) throw new Error('no caseload');
      return found;
    }),
  );
  return { database, devices, held };
}

function leadKeysOf(database: string): CaseloadKey[] {
  return team.leadKeys.filter((k) => k.caseloadId === database);
}

function newestOf(keys: readonly CaseloadKey[]): CaseloadKey {
  const newest = [...keys].sort((a, b) => b.keyVersion - a.keyVersion)[0];
  if (!newest) throw new Error('no key');
  return newest;
}

async function check(
  coach: string,
  device: DeviceIdentity,
  current: VerifiedMembership,
): Promise<CaseloadCheck> {
  return must(
    await checkCaseload(team.teamAs(team.user(coach)), device, team.lead.fingerprint, current),
  );
}

describe('removing a lost device', () => {
  it('gives the devices that stay a new key the lost one cannot open, and drops it from the list', async () => {
    const { database, devices, held } = await caseloadWithTwoDevices('coach-a');
    const [lost, kept] = devices;
    const [lostHeld, keptHeld] = held;
    if (!lostHeld || !keptHeld) throw new Error('not joined');

    // Before: nothing changed for either device.
    expect(await check('coach-a', kept, keptHeld.membership)).toEqual({ state: 'unchanged' });

    const newKey = await rotateCaseloadKey(newestOf(leadKeysOf(database)));
    const list = must(
      await removeFromCaseload(
        team.teamAs(team.leadUser),
        team.lead,
        { caseloadDatabase: database, devices: [lost.fingerprint] },
        team.leadKeys,
        newKey,
        LATER,
      ),
    );
    team.leadKeys.push(newKey);
    expect(list.members.map((m) => m.fingerprint)).toEqual([
      team.lead.fingerprint,
      kept.fingerprint,
    ]);
    expect(list.keys.map((k) => k.keyVersion)).toEqual([1, 2]);

    // The device that stays takes the new list and both keys; what the lead seals with the
    // new key opens there.
    const found = await check('coach-a', kept, keptHeld.membership);
    if (found.state !== 'updated') throw new Error(found.state);
    expect(found.keys.map((k) => k.keyVersion)).toEqual([1, 2]);
    expect(found.membership.version).toBe(list.version);
    const sealed = await sealEnvelope(newKey, 'f'.repeat(32), { text: 'After the removal' });
    const opened = await openEnvelope(sealed, {
      caseloadId: database,
      keys: found.keys,
      schema: note,
    });
    expect(opened).toMatchObject({ ok: true, record: { text: 'After the removal' } });

    // The lost device finds itself removed, holds no way to the new key, and its wrapped
    // keys are gone from the team database.
    expect(await check('coach-a', lost, lostHeld.membership)).toMatchObject({ state: 'removed' });
    const lostOpens = await openEnvelope(sealed, {
      caseloadId: database,
      keys: lostHeld.keys,
      schema: note,
    });
    expect(lostOpens.ok).toBe(false);
    expect(await serverDocument(keyId(lost.fingerprint, database, 1))).toBeNull();
    expect(await serverDocument(keyId(lost.fingerprint, database, 2))).toBeNull();
    expect(
      must(
        await collectCaseloadKeys(team.teamAs(team.user('coach-a')), lost, team.lead.fingerprint),
      ),
    ).toMatchObject({ state: 'waiting' });

    // Checking again with the new list: unchanged.
    expect(await check('coach-a', kept, found.membership)).toEqual({ state: 'unchanged' });
  });

  it('changes nothing when a device that stays has not told its keys, or the server swapped them', async () => {
    const { database, devices } = await caseloadWithTwoDevices('coach-b');
    const [lost, kept] = devices;
    const before = await serverDocument(`membership-${database}`);

    // The server puts keys of its own under the staying device's name: they are not its own
    // (another fingerprint), so the lead does not wrap the new key for them.
    const impostor = await newDevice();
    const current = await serverDocument(deviceId(kept.fingerprint));
    const swapped = await fetch(
      `${team.server.url}/${team.teamDatabase}/${deviceId(kept.fingerprint)}`,
      {
        method: 'PUT',
        headers: {
          authorization: basicAuth(team.server.admin),
          'content-type': 'application/json',
        },
        body: JSON.stringify({ publicKeys: impostor.publicKeys, _rev: current?._rev }),
      },
    );
    expect(swapped.status).toBe(201);

    const newKey = await rotateCaseloadKey(newestOf(leadKeysOf(database)));
    const refused = await removeFromCaseload(
      team.teamAs(team.leadUser),
      team.lead,
      { caseloadDatabase: database, devices: [lost.fingerprint] },
      team.leadKeys,
      newKey,
      LATER,
    );
    expect(refused).toMatchObject({ ok: false, problem: { kind: 'not-found' } });
    if (refused.ok) throw new Error('removed');
    expect(refused.problem.message).toMatch(/has not told the team server its keys yet/);
    expect(refused.problem.message).toMatch(/Nothing was changed/);
    expect((await serverDocument(`membership-${database}`))?._rev).toBe(before?._rev);
    expect(await serverDocument(keyId(impostor.fingerprint, database, 2))).toBeNull();

    // The staying device tells its own keys again at its next check; then the removal works.
    const [keptHeld] = await team.collected(team.user('coach-b'), kept);
    if (!keptHeld) throw new Error('not joined');
    expect(await check('coach-b', kept, keptHeld.membership)).toEqual({ state: 'unchanged' });
    must(
      await removeFromCaseload(
        team.teamAs(team.leadUser),
        team.lead,
        { caseloadDatabase: database, devices: [lost.fingerprint] },
        team.leadKeys,
        newKey,
        LATER,
      ),
    );
    team.leadKeys.push(newKey);
    expect(await check('coach-b', kept, keptHeld.membership)).toMatchObject({
      state: 'updated',
    });
  });

  it('takes a new key the lead wrote before its list as not yet given, not as a forgery', async () => {
    const { database, devices, held } = await caseloadWithTwoDevices('coach-c');
    const [, kept] = devices;
    const newKey = await rotateCaseloadKey(newestOf(leadKeysOf(database)));
    // A removal cut short after the new key went up, before the list that names it.
    must(
      await writeDocument(team.teamAs(team.leadUser), {
        _id: keyId(kept.fingerprint, database, newKey.keyVersion),
        wrapped: await wrapCaseloadKey(newKey, kept.publicKeys),
      }),
    );
    const [again] = await team.collected(team.user('coach-c'), kept);
    expect(again?.keys.map((k) => k.keyVersion)).toEqual([1]);
    const keptHeld = held[1];
    if (!keptHeld) throw new Error('not joined');
    expect(await check('coach-c', kept, keptHeld.membership)).toEqual({ state: 'unchanged' });
  });
});

describe('removing a coach', () => {
  it("takes the coach's devices and name off the list; the lead's own device cannot be removed", async () => {
    const database = team.caseload('coach-c');
    const listed = must(await listCaseloads(team.teamAs(team.leadUser), team.lead));
    const before = listed.caseloads.find((c) => c.caseloadDatabase === database);
    if (!before) throw new Error('not listed');
    expect(before.coaches).toEqual(['coach-c']);
    const coachDevices = before.devices.filter((d) => d.role === 'coach').map((d) => d.fingerprint);
    expect(coachDevices).toHaveLength(2);

    const newKey = await rotateCaseloadKey(newestOf(leadKeysOf(database)));
    const ownDevice = await removeFromCaseload(
      team.teamAs(team.leadUser),
      team.lead,
      { caseloadDatabase: database, devices: [team.lead.fingerprint] },
      team.leadKeys,
      newKey,
      LATER,
    );
    expect(ownDevice).toMatchObject({ ok: false, problem: { kind: 'invalid-name' } });

    must(
      await removeFromCaseload(
        team.teamAs(team.leadUser),
        team.lead,
        { caseloadDatabase: database, devices: coachDevices, coaches: ['coach-c'] },
        team.leadKeys,
        newKey,
        LATER,
      ),
    );
    team.leadKeys.push(newKey);
    const after = must(await listCaseloads(team.teamAs(team.leadUser), team.lead)).caseloads.find(
      (c) => c.caseloadDatabase === database,
    );
    expect(after).toMatchObject({ coaches: [], keyVersion: 2 });
    expect(after?.devices.map((d) => d.role)).toEqual(['lead']);
  });
});
