/**
 * Settings > Lead a team (issue 14), with the team directory's functions given by the test:
 * setting the lead's device up (and the server's refusals, in plain words), inviting a coach
 * (the code shown by hand, the invitation kept), checking for answers (each outcome said,
 * settled ones dropped), and stopping leading (the lead's state forgotten).
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { getDb } from '../../../../src/db/database';
import { getDataKey } from '../../../../src/db/encryption/session-key';
import { readTeamLead, saveTeamLead } from '../../../../src/db/repositories/team-lead';
import { TEAM_LEAD_KEY } from '../../../../src/db/settings-keys';
import { LeadTeamSection } from '../../../../src/features/team-lead/lead-team-section';
import type { LeadDirectory } from '../../../../src/features/team-lead/lead-actions';
import type { AcceptOutcome, PendingInvitation } from '../../../../src/team/directory';
import { createCaseloadKey } from '../../../../src/team/keys/caseload-key';
import {
  displayFingerprint,
  generateDeviceIdentity,
  type DeviceIdentity,
} from '../../../../src/team/keys/identity';
import { createInvitation } from '../../../../src/team/keys/invitation';
import { signMembership, verifyMembership } from '../../../../src/team/keys/membership';

const NOW = new Date('2026-12-07T10:00:00Z');
const now = () => NOW;
const TEAM = `team-${'abcdef0123456789'.repeat(2)}`;
const CASELOAD_A = `caseload-${'0123456789abcdef'.repeat(2)}`;
const CASELOAD_B = `caseload-${'fedcba9876543210'.repeat(2)}`;

beforeEach(async () => {
  await getDb().delete();
  await getDb().open();
});

type FakeDirectory = { [K in keyof LeadDirectory]: Mock<LeadDirectory[K]> };

function fakeDirectory(overrides: Partial<FakeDirectory> = {}): FakeDirectory {
  const directory: FakeDirectory = {
    listCaseloads: vi.fn<LeadDirectory['listCaseloads']>(() =>
      Promise.resolve({ ok: true, value: { caseloads: [], refused: [] } }),
    ),
    setUpCaseload: vi.fn<LeadDirectory['setUpCaseload']>(async (_team, _lead, caseload) => ({
      ok: true,
      value: await createCaseloadKey(caseload),
    })),
    inviteCoach: vi.fn<LeadDirectory['inviteCoach']>(async (_team, lead, details, at) => {
      const made = await createInvitation(lead, { now: at });
      const pending: PendingInvitation = {
        format: 'resilience-coaching/pending-team-invitation',
        invitation: made.invitation,
        ...details,
      };
      return {
        ok: true,
        value: { code: made.code, pending, expiresAt: made.invitation.expiresAt },
      };
    }),
    acceptAnswers: vi.fn<LeadDirectory['acceptAnswers']>(() => Promise.resolve([])),
    refuseAnswer: vi.fn<LeadDirectory['refuseAnswer']>(() =>
      Promise.resolve({ ok: true, value: null }),
    ),
    collectCaseloadKeys: vi.fn<LeadDirectory['collectCaseloadKeys']>(() =>
      Promise.resolve({ ok: true, value: { state: 'waiting', message: 'Not accepted yet.' } }),
    ),
    removeFromCaseload: vi.fn<LeadDirectory['removeFromCaseload']>(() =>
      Promise.resolve({
        ok: false,
        problem: { kind: 'server-unreachable', message: 'The team server could not be reached.' },
      }),
    ),
    ...overrides,
  };
  return directory;
}

async function savedLead() {
  const { identity, stored } = await generateDeviceIdentity(getDataKey() as Uint8Array);
  await saveTeamLead(
    {
      server: 'https://coaching.example.org/couchdb',
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
  return identity;
}

async function section(directory: LeadDirectory) {
  render(<LeadTeamSection now={now} directory={directory} />);
  const region = await screen.findByRole('region', { name: 'Lead a team' });
  await waitFor(() => expect(region).not.toHaveTextContent('Loading…'));
  return region;
}

async function invite(region: HTMLElement, coachName: string, caseload: string) {
  const user = userEvent.setup();
  const form = within(region).getByRole('form', { name: 'Invite a coach' });
  await user.type(within(form).getByLabelText('Coach’s user name'), coachName);
  await user.type(within(form).getByLabelText('Their caseload'), caseload);
  await user.click(within(form).getByRole('button', { name: 'Make an invitation' }));
  return within(region).findByRole('region', { name: 'Invitation code' });
}

describe('Settings > Lead a team, not set up', () => {
  it('never replaces a lead set up in another tab meanwhile', async () => {
    const directory = fakeDirectory({
      listCaseloads: vi
        .fn<LeadDirectory['listCaseloads']>()
        .mockResolvedValue({ ok: true, value: { caseloads: [], refused: [] } }),
    });
    const region = await section(directory);
    const form = within(region).getByRole('form', { name: 'Set up this device to lead the team' });
    // Another tab sets this device up while the form is open here.
    await savedLead();
    const before = await readTeamLead();
    const user = userEvent.setup();
    await user.type(within(form).getByLabelText('Team name'), TEAM);
    await user.type(within(form).getByLabelText('User name'), 'lead-rowan');
    await user.type(within(form).getByLabelText('Password'), 'a password');
    await user.click(within(form).getByRole('button', { name: 'Set up' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'This device leads a team already',
    );
    expect(await readTeamLead()).toEqual(before);
  });

  it('checks the fields, says why the server refused, then sets up and shows the fingerprint', async () => {
    const directory = fakeDirectory({
      listCaseloads: vi
        .fn<LeadDirectory['listCaseloads']>()
        .mockResolvedValueOnce({
          ok: false,
          problem: {
            kind: 'wrong-credentials',
            message: 'The user name or password is not right.',
            status: 401,
          },
        })
        .mockResolvedValue({ ok: true, value: { caseloads: [], refused: [] } }),
    });
    const region = await section(directory);
    expect(region).toHaveTextContent('For the service lead.');
    const user = userEvent.setup();
    const form = within(region).getByRole('form', { name: 'Set up this device to lead the team' });
    expect(within(form).getByLabelText('Server address')).toHaveValue('/couchdb');

    await user.type(within(form).getByLabelText('Team name'), 'team-coaches');
    await user.click(within(form).getByRole('button', { name: 'Set up' }));
    expect(within(form).getByLabelText('Team name')).toHaveAccessibleDescription(
      /Error: ?The team name is “team-” and 32/,
    );
    expect(within(form).getByLabelText('User name')).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByLabelText('Password')).toHaveAccessibleDescription(
      /Error: ?Enter the password\./,
    );
    expect(directory.listCaseloads).not.toHaveBeenCalled();

    await user.clear(within(form).getByLabelText('Team name'));
    await user.type(within(form).getByLabelText('Team name'), TEAM);
    await user.type(within(form).getByLabelText('User name'), 'lead-rowan');
    await user.type(within(form).getByLabelText('Password'), 'not the password');
    await user.click(within(form).getByRole('button', { name: 'Set up' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'The user name or password is not right.',
    );
    expect(await readTeamLead()).toBeNull();

    await user.click(within(form).getByRole('button', { name: 'Set up' }));
    expect(await within(region).findByText(/This device leads the team/)).toBeVisible();
    const lead = await readTeamLead();
    expect(lead).toMatchObject({
      server: '/couchdb',
      teamDatabase: TEAM,
      userName: 'lead-rowan',
      password: 'not the password',
    });
    expect(region).toHaveTextContent(displayFingerprint(lead?.identity.fingerprint ?? ''));
    expect(directory.listCaseloads.mock.calls[0]?.[0]).toEqual({
      address: '/couchdb',
      credentials: { name: 'lead-rowan', password: 'not the password' },
      database: TEAM,
    });
  });
});

describe('Settings > Lead a team, set up', () => {
  it('lists the caseloads with their coaches and devices', async () => {
    const lead = await savedLead();
    const directory = fakeDirectory({
      listCaseloads: vi.fn<LeadDirectory['listCaseloads']>().mockResolvedValue({
        ok: true,
        value: {
          caseloads: [
            {
              caseloadDatabase: CASELOAD_A,
              coaches: ['coach-amber'],
              devices: [
                {
                  fingerprint: lead.fingerprint,
                  shownFingerprint: displayFingerprint(lead.fingerprint),
                  role: 'lead',
                },
                { fingerprint: 'f'.repeat(64), shownFingerprint: '11111 22222', role: 'coach' },
              ],
              keyVersion: 1,
              listVersion: 2,
              issuedAt: NOW.toISOString(),
            },
          ],
          refused: [CASELOAD_B],
        },
      }),
    });
    const region = await section(directory);
    const list = await within(region).findByRole('list', { name: 'Caseloads' });
    expect(list).toHaveTextContent(`${CASELOAD_A}Coaches: coach-amber. Key version 1.`);
    const devices = within(list).getByRole('list', { name: `Devices holding ${CASELOAD_A}` });
    expect(devices).toHaveTextContent('Coach’s device: 11111 22222');
    expect(devices).toHaveTextContent(
      `Service lead’s device: ${displayFingerprint(lead.fingerprint)}`,
    );
    expect(within(region).getByRole('alert')).toHaveTextContent(CASELOAD_B);
  });

  it('invites a coach: sets the caseload up once, shows the code by hand and keeps the invitation', async () => {
    const lead = await savedLead();
    const directory = fakeDirectory();
    const region = await section(directory);

    const user = userEvent.setup();
    const form = within(region).getByRole('form', { name: 'Invite a coach' });
    await user.type(within(form).getByLabelText('Coach’s user name'), 'Amber');
    await user.type(within(form).getByLabelText('Their caseload'), 'caseload-1');
    await user.click(within(form).getByRole('button', { name: 'Make an invitation' }));
    expect(within(form).getByLabelText('Coach’s user name')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(within(form).getByLabelText('Their caseload')).toHaveAttribute('aria-invalid', 'true');
    expect(directory.inviteCoach).not.toHaveBeenCalled();
    await user.clear(within(form).getByLabelText('Coach’s user name'));
    await user.clear(within(form).getByLabelText('Their caseload'));

    const shown = await invite(region, 'coach-amber', CASELOAD_A);
    const stored = await readTeamLead();
    const code = stored?.pending[0]?.invitation.code ?? 'missing';
    const groups = code.replace(/-/g, '').match(/.{4}/g) ?? [];
    expect(groups).toHaveLength(7);
    expect(shown).toHaveTextContent(groups.join(' '));
    expect(shown).toHaveTextContent('Give this code to coach-amber by hand');
    expect(shown).toHaveTextContent('Never send it by email');
    // Focus goes to the new code, so it is read out.
    await waitFor(() => expect(shown).toHaveFocus());
    expect(shown).toHaveTextContent('It works until');
    expect(shown).toHaveTextContent(displayFingerprint(lead.fingerprint));
    expect(stored?.pending).toHaveLength(1);
    expect(stored?.pending[0]).toMatchObject({
      coachName: 'coach-amber',
      caseloadDatabase: CASELOAD_A,
    });
    expect(stored?.caseloadKeys).toHaveLength(1);
    expect(stored?.caseloadKeys[0]).toMatchObject({
      caseloadId: CASELOAD_A,
      recipient: lead.fingerprint,
    });
    expect(stored?.heldLists.map((l) => l.membership.caseloadId)).toEqual([CASELOAD_A]);
    const pending = within(region).getByRole('list', {
      name: 'Invitations waiting for an answer',
    });
    expect(pending).toHaveTextContent(`coach-amber, caseload ${CASELOAD_A}, works until`);

    // A second device of the same coach: the caseload's key is held, it is not set up again.
    await invite(region, 'coach-amber', CASELOAD_A);
    expect(directory.setUpCaseload).toHaveBeenCalledTimes(1);
    expect(directory.inviteCoach).toHaveBeenCalledTimes(2);
    expect((await readTeamLead())?.pending).toHaveLength(2);
  });

  it('says why an invitation could not be made, and keeps nothing', async () => {
    await savedLead();
    const directory = fakeDirectory({
      setUpCaseload: vi.fn<LeadDirectory['setUpCaseload']>().mockResolvedValue({
        ok: false,
        problem: { kind: 'server-unreachable', message: 'The team server could not be reached.' },
      }),
    });
    const region = await section(directory);
    const user = userEvent.setup();
    const form = within(region).getByRole('form', { name: 'Invite a coach' });
    await user.type(within(form).getByLabelText('Coach’s user name'), 'coach-amber');
    await user.type(within(form).getByLabelText('Their caseload'), CASELOAD_A);
    await user.click(within(form).getByRole('button', { name: 'Make an invitation' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'The team server could not be reached.',
    );
    expect(directory.inviteCoach).not.toHaveBeenCalled();
    expect(await readTeamLead()).toMatchObject({ pending: [], caseloadKeys: [] });
  });

  it('checks for answers: says each outcome, drops the settled ones and keeps the new list', async () => {
    await savedLead();
    const outcomes = (lead: DeviceIdentity, pending: readonly unknown[]) =>
      Promise.all(
        (pending as PendingInvitation[]).map(async (p, index): Promise<AcceptOutcome> => {
          const about = {
            inviteId: p.invitation.inviteId,
            coachName: p.coachName,
            caseloadDatabase: p.caseloadDatabase,
          };
          if (index === 0) {
            const coach = 'c'.repeat(64);
            const signed = await signMembership(lead, {
              caseloadId: p.caseloadDatabase,
              version: 2,
              members: [
                { fingerprint: lead.fingerprint, role: 'lead' },
                { fingerprint: coach, role: 'coach' },
              ],
              keys: (await readTeamLead())?.heldLists[0]?.membership.keys ?? [],
              issuedAt: NOW.toISOString(),
            });
            const checked = await verifyMembership(signed, {
              lead: lead.publicKeys,
              caseloadId: p.caseloadDatabase,
            });
            if (!checked.ok) throw new Error('The test list does not verify.');
            return {
              ...about,
              state: 'accepted',
              coachFingerprint: coach,
              shownFingerprint: '12345 67890 12345 67890 12345 67890',
              membership: checked.membership,
            };
          }
          if (index === 1) return { ...about, state: 'waiting', expiresAt: p.invitation.expiresAt };
          if (index === 2) {
            return {
              ...about,
              state: 'refused',
              reason: 'changed-on-the-way',
              message: 'The answer was changed on the way.',
            };
          }
          if (index === 3)
            return { ...about, state: 'expired', message: 'This invitation expired.' };
          return { ...about, state: 'failed', message: 'The team server could not be reached.' };
        }),
      );
    const directory = fakeDirectory({
      acceptAnswers: vi.fn<LeadDirectory['acceptAnswers']>((_team, lead, pending) =>
        outcomes(lead, pending),
      ),
    });
    const region = await section(directory);
    const coaches = ['coach-amber', 'coach-blake', 'coach-casey', 'coach-dara', 'coach-eden'];
    for (const coach of coaches) await invite(region, coach, CASELOAD_A);
    const inviteIds = (await readTeamLead())?.pending.map((p) => p.invitation.inviteId) ?? [];
    expect(inviteIds).toHaveLength(5);

    await userEvent
      .setup()
      .click(within(region).getByRole('button', { name: 'Check for answers' }));
    const answers = await within(region).findByRole('list', { name: 'Answers' });
    const items = within(answers).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(
      `Accepted: coach-amber (${CASELOAD_A}) has joined with the device whose fingerprint you compared: 12345 67890 12345 67890 12345 67890.`,
    );
    expect(items[1]).toHaveTextContent('Waiting: coach-blake');
    expect(items[2]).toHaveTextContent(
      'Not accepted: coach-casey (' + CASELOAD_A + '). The answer was changed on the way.',
    );
    expect(items[3]).toHaveTextContent('Expired: coach-dara');
    expect(items[4]).toHaveTextContent(
      'Not checked: coach-eden (' +
        CASELOAD_A +
        '). The team server could not be reached. The invitation is kept',
    );
    // The outcomes are summed up in a live region, which holds no controls.
    expect(within(region).getByRole('status')).toHaveTextContent('invitations checked.');
    expect(answers.closest('[role="status"]')).toBeNull();

    // A refused answer was removed, but its invitation stays open (review finding 13).
    const [, blake, casey, , eden] = inviteIds;
    await waitFor(async () =>
      expect((await readTeamLead())?.pending.map((p) => p.invitation.inviteId)).toEqual([
        blake,
        casey,
        eden,
      ]),
    );
    const kept = (await readTeamLead())?.heldLists ?? [];
    expect(kept.map((l) => [l.membership.caseloadId, l.membership.version])).toEqual([
      [CASELOAD_A, 2],
    ]);
    const pendingList = within(region).getByRole('list', {
      name: 'Invitations waiting for an answer',
    });
    expect(within(pendingList).getAllByRole('listitem')).toHaveLength(3);

    // The next check passes the kept list (verified) and the caseload's key.
    await userEvent
      .setup()
      .click(within(region).getByRole('button', { name: 'Check for answers' }));
    await waitFor(() => expect(directory.acceptAnswers).toHaveBeenCalledTimes(2));
    const [, , , keys, , held] = directory.acceptAnswers.mock.calls[1] ?? [];
    expect(keys?.map((k) => k.caseloadId)).toEqual([CASELOAD_A]);
    expect(held?.map((l) => l.version)).toEqual([2]);
    // The coach list is checked against the kept lists too (an older one is refused).
    const listedWith = directory.listCaseloads.mock.lastCall?.[2];
    expect(listedWith?.map((l) => [l.caseloadId, l.version])).toEqual([[CASELOAD_A, 2]]);
  });

  it('shares nothing before the lead has compared the fingerprint; a refusal closes the invitation', async () => {
    await savedLead();
    const coachFingerprint = 'c'.repeat(64);
    const shown = displayFingerprint(coachFingerprint);
    const directory = fakeDirectory({
      acceptAnswers: vi.fn<LeadDirectory['acceptAnswers']>(
        async (_team, lead, pending, _keys, _now, _held, confirmed = {}) =>
          Promise.all(
            (pending as PendingInvitation[]).map(async (p): Promise<AcceptOutcome> => {
              const about = {
                inviteId: p.invitation.inviteId,
                coachName: p.coachName,
                caseloadDatabase: p.caseloadDatabase,
              };
              if (confirmed[p.invitation.inviteId] !== coachFingerprint) {
                return { ...about, state: 'answered', coachFingerprint, shownFingerprint: shown };
              }
              const checked = await verifyMembership(
                await signMembership(lead, {
                  caseloadId: p.caseloadDatabase,
                  version: 2,
                  members: [
                    { fingerprint: lead.fingerprint, role: 'lead' },
                    { fingerprint: coachFingerprint, role: 'coach' },
                  ],
                  keys: (await readTeamLead())?.heldLists[0]?.membership.keys ?? [],
                  issuedAt: NOW.toISOString(),
                }),
                { lead: lead.publicKeys, caseloadId: p.caseloadDatabase },
              );
              if (!checked.ok) throw new Error('The test list does not verify.');
              return {
                ...about,
                state: 'accepted',
                coachFingerprint,
                shownFingerprint: shown,
                membership: checked.membership,
              };
            }),
          ),
      ),
    });
    const region = await section(directory);
    await invite(region, 'coach-amber', CASELOAD_A);
    await invite(region, 'coach-blake', CASELOAD_A);
    const [amber, blake] = (await readTeamLead())?.pending.map((p) => p.invitation.inviteId) ?? [];
    const user = userEvent.setup();
    await user.click(within(region).getByRole('button', { name: 'Check for answers' }));

    const first = await within(region).findByRole('group', {
      name: `Answered: coach-amber (${CASELOAD_A})`,
    });
    expect(first).toHaveTextContent(`The device that answered has this fingerprint: ${shown}`);
    // Accepting before comparing is stopped, and said beside the box.
    await user.click(within(first).getByRole('button', { name: 'Accept this device' }));
    const box = within(first).getByRole('checkbox', {
      name: 'I have compared the fingerprint with the coach’s screen: it is the same',
    });
    expect(box).toHaveAccessibleDescription(
      /Tick the box once the coach’s screen shows the same fingerprint\./,
    );
    expect(directory.acceptAnswers).toHaveBeenCalledTimes(1);
    expect(directory.acceptAnswers.mock.calls[0]?.[6]).toEqual({});
    expect((await readTeamLead())?.pending).toHaveLength(2);

    // The summary is read out; the controls are not inside the live region.
    const summary = within(region).getByRole('status');
    expect(summary).toHaveTextContent(
      '2 invitations checked. 2 devices have answered: compare each fingerprint',
    );
    expect(within(summary).queryByRole('button')).toBeNull();

    await user.click(box);
    await user.click(within(first).getByRole('button', { name: 'Accept this device' }));
    const accepted = await within(region).findByText(
      /^Accepted: coach-amber .* has joined with the device/,
    );
    expect(accepted).toBeVisible();
    // Focus goes to what became of the device, not to the top of the page.
    await waitFor(() => expect(accepted).toHaveFocus());
    const confirmedCall = directory.acceptAnswers.mock.calls[1];
    expect(confirmedCall?.[6]).toEqual({ [amber ?? '']: coachFingerprint });
    expect((confirmedCall?.[2] as PendingInvitation[]).map((p) => p.invitation.inviteId)).toEqual([
      amber,
    ]);

    // The second answer's number differs from the coach's screen: refused, invitation closed.
    const second = within(region).getByRole('group', {
      name: `Answered: coach-blake (${CASELOAD_A})`,
    });
    // Refusing asks first (it closes the invitation); Cancel changes nothing.
    await user.click(within(second).getByRole('button', { name: 'Refuse this device' }));
    const asking = await screen.findByRole('alertdialog', { name: 'Refuse this device?' });
    expect(asking).toHaveTextContent('the invitation closes');
    await user.click(within(asking).getByRole('button', { name: 'Cancel' }));
    expect(directory.refuseAnswer).not.toHaveBeenCalled();
    await user.click(within(second).getByRole('button', { name: 'Refuse this device' }));
    await user.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', {
        name: 'Refuse the device',
      }),
    );
    const refused = await within(region).findByText(/^Not accepted: coach-blake/);
    expect(refused).toHaveTextContent('You refused this device: nothing was shared with it');
    await waitFor(() => expect(refused).toHaveFocus());
    expect(directory.refuseAnswer).toHaveBeenCalledTimes(1);
    expect(directory.refuseAnswer.mock.calls[0]?.[1].invitation.inviteId).toBe(blake);
    await waitFor(async () => expect((await readTeamLead())?.pending).toEqual([]));
  });

  it('removes a lost device after a confirmation: a new key kept first, then the new list', async () => {
    const lead = await savedLead();
    const coachDevice = 'f'.repeat(64);
    const listing = {
      caseloadDatabase: CASELOAD_A,
      coaches: ['coach-amber'],
      devices: [
        {
          fingerprint: lead.fingerprint,
          shownFingerprint: displayFingerprint(lead.fingerprint),
          role: 'lead' as const,
        },
        { fingerprint: coachDevice, shownFingerprint: '11111 22222', role: 'coach' as const },
      ],
      keyVersion: 1,
      listVersion: 2,
      issuedAt: NOW.toISOString(),
    };
    const newKeys: string[] = [];
    const directory = fakeDirectory({
      listCaseloads: vi
        .fn<LeadDirectory['listCaseloads']>()
        .mockResolvedValue({ ok: true, value: { caseloads: [listing], refused: [] } }),
      removeFromCaseload: vi
        .fn<LeadDirectory['removeFromCaseload']>()
        .mockImplementationOnce(async (_team, _lead, _removal, _keys, newKey) => {
          newKeys.push(newKey.commitment);
          return {
            ok: false,
            problem: {
              kind: 'server-unreachable',
              message: 'The team server could not be reached.',
            },
          };
        })
        .mockImplementationOnce(async (_team, _lead, removal, keys, newKey, at, held) => {
          newKeys.push(newKey.commitment);
          const signed = await signMembership(lead, {
            caseloadId: removal.caseloadDatabase,
            version: (held?.version ?? 1) + 1,
            members: [{ fingerprint: lead.fingerprint, role: 'lead' }],
            keys: [...keys, newKey].map((k) => ({
              keyVersion: k.keyVersion,
              commitment: k.commitment,
            })),
            issuedAt: at.toISOString(),
          });
          const verified = await verifyMembership(signed, {
            lead: lead.publicKeys,
            caseloadId: removal.caseloadDatabase,
          });
          if (!verified.ok) throw new Error(verified.reason);
          return { ok: true, value: verified.membership };
        }),
    });
    const region = await section(directory);
    // The lead's device holds the caseload's key and list (set up with an invitation).
    await invite(region, 'coach-amber', CASELOAD_A);
    const user = userEvent.setup();
    const removeButton = await within(region).findByRole('button', {
      name: 'Remove the coach’s device 11111 22222…',
    });

    // Cancel: nothing asked of the server.
    await user.click(removeButton);
    const dialog = await screen.findByRole('alertdialog', {
      name: 'Remove this device from the team?',
    });
    expect(dialog).toHaveTextContent('cannot read anything written from then on');
    expect(dialog).toHaveTextContent('change the coach’s password');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(directory.removeFromCaseload).not.toHaveBeenCalled();

    // The server cannot be reached: said, and the new key kept for the next try.
    await user.click(removeButton);
    await user.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', {
        name: 'Remove the device',
      }),
    );
    expect(await within(region).findByRole('alert')).toHaveTextContent(
      'The team server could not be reached.',
    );
    const kept = (await readTeamLead())?.caseloadKeys.filter((k) => k.caseloadId === CASELOAD_A);
    expect(kept?.map((k) => k.keyVersion)).toEqual([1, 2]);

    await user.click(removeButton);
    await user.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', {
        name: 'Remove the device',
      }),
    );
    expect(
      await within(region).findByText(
        /The device 11111 22222 was removed\. The caseload has a new key\./,
      ),
    ).toHaveAttribute('role', 'status');
    expect(directory.removeFromCaseload).toHaveBeenLastCalledWith(
      expect.anything(),
      expect.anything(),
      { caseloadDatabase: CASELOAD_A, devices: [coachDevice] },
      expect.anything(),
      expect.objectContaining({ keyVersion: 2 }),
      NOW,
      expect.objectContaining({ version: 1 }),
    );
    // The same new key both times (a try cut short is finished with it), and the new list kept.
    expect(newKeys[0]).toBe(newKeys[1]);
    const stored = await readTeamLead();
    expect(
      stored?.heldLists.find((l) => l.membership.caseloadId === CASELOAD_A)?.membership,
    ).toMatchObject({
      version: 2,
      members: [{ fingerprint: lead.fingerprint, role: 'lead' }],
    });
    expect(stored?.caseloadKeys.filter((k) => k.caseloadId === CASELOAD_A)).toHaveLength(2);
  });

  it('stops leading after a confirmation: the lead state is forgotten, the server not asked', async () => {
    await savedLead();
    const directory = fakeDirectory();
    const region = await section(directory);
    const user = userEvent.setup();
    await user.click(
      within(region).getByRole('button', { name: 'Stop leading a team on this device' }),
    );
    const dialog = screen.getByRole('alertdialog', {
      name: 'Stop leading the team on this device?',
    });
    expect(dialog).toHaveTextContent('Nothing on the team server changes');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(await readTeamLead()).not.toBeNull();

    await user.click(
      within(region).getByRole('button', { name: 'Stop leading a team on this device' }),
    );
    await user.click(
      within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Stop leading' }),
    );
    expect(
      await within(region).findByRole('form', { name: 'Set up this device to lead the team' }),
    ).toBeVisible();
    expect(await readTeamLead()).toBeNull();
    expect(directory.setUpCaseload).not.toHaveBeenCalled();
    expect(directory.inviteCoach).not.toHaveBeenCalled();
  });

  it('asks before forgetting a lead state it cannot read', async () => {
    // A row that is not a lead state (damaged, or written by something else).
    await getDb().settings.put({ key: TEAM_LEAD_KEY, value: { format: 'something else' } });
    const directory = fakeDirectory();
    render(<LeadTeamSection directory={directory} now={now} />);
    const region = screen.getByRole('region', { name: 'Lead a team' });
    await within(region).findByRole('alert');
    const user = userEvent.setup();
    await user.click(
      within(region).getByRole('button', { name: 'Stop leading a team on this device' }),
    );
    const dialog = screen.getByRole('alertdialog', {
      name: 'Stop leading the team on this device?',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(await getDb().settings.get(TEAM_LEAD_KEY)).toBeDefined();
  });
});
