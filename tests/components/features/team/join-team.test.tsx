/**
 * Joining a team from Settings (issue 14): the invitation form's checks and messages, the
 * wait for the service lead (what to compare, "Check again"), the connection saved once the
 * lead has accepted the device, and "Stop joining". The team directory is a fake here (its
 * protocol is tested against the test server in tests/unit/team/directory and
 * tests/unit/team/join-to-sync.test.ts).
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../../../src/db/database';
import { generateTypedCode } from '../../../../src/lib/typed-code';
import { readTeamConnection } from '../../../../src/db/repositories/team-connection';
import { readTeamJoin } from '../../../../src/db/repositories/team-join';
import { answerTeamInvitation, type JoinDirectory } from '../../../../src/features/team/join-steps';
import { JoinTeam } from '../../../../src/features/team/join-team';
import type { DeviceIdentity } from '../../../../src/team/keys/identity';
import { displayFingerprint } from '../../../../src/team/keys/identity';
import { signMembership } from '../../../../src/team/keys/membership';
import { teamFixture, type TeamFixture } from '../../../support/team-connection';

const NOW = new Date('2026-12-07T10:00:00Z');
const now = () => NOW;
const TEAM = `team-${'ab'.repeat(16)}`;
const CODE = generateTypedCode(26);

let team: TeamFixture;

beforeEach(async () => {
  await getDb().delete();
  await getDb().open();
  team = await teamFixture();
});

/** A directory whose answers the test decides. */
function fakeDirectory(overrides: Partial<JoinDirectory> = {}) {
  let me: DeviceIdentity | null = null;
  let accepted = false;
  const directory: JoinDirectory = {
    answerInvitation: vi.fn(async (_team, _code, coach: DeviceIdentity, _now, options) => {
      me = coach;
      const value = {
        inviteId: 'a'.repeat(64),
        leadFingerprint: team.lead.fingerprint,
        shownLeadFingerprint: displayFingerprint(team.lead.fingerprint),
        lead: team.lead.publicKeys,
      };
      // As the real one: the device keeps its join before the answer is sent.
      await options?.keep?.(value);
      return { ok: true as const, value };
    }),
    collectCaseloadKeys: vi.fn(async () => {
      if (!accepted || !me) {
        return {
          ok: true as const,
          value: {
            state: 'waiting' as const,
            message: 'The service lead has not accepted this device yet.',
          },
        };
      }
      const signed = await signMembership(team.lead, {
        caseloadId: team.caseloadDatabase,
        version: 2,
        members: [
          { fingerprint: team.lead.fingerprint, role: 'lead' },
          { fingerprint: me.fingerprint, role: 'coach' },
        ],
        keys: [{ keyVersion: 1, commitment: team.caseloadKey.commitment }],
        issuedAt: NOW.toISOString(),
      });
      return {
        ok: true as const,
        value: {
          state: 'collected' as const,
          caseloads: [
            {
              caseloadDatabase: team.caseloadDatabase,
              keys: [team.caseloadKey],
              membership: signed.membership as never,
              signed,
            },
          ],
          refused: [],
        },
      };
    }),
    ...overrides,
  };
  return { directory, accept: () => (accepted = true) };
}

async function fillForm(user: ReturnType<typeof userEvent.setup>, code = CODE) {
  await user.type(await screen.findByLabelText('Team name'), TEAM);
  await user.type(screen.getByLabelText('Your user name'), 'coach-amber');
  await user.type(screen.getByLabelText('Your password'), 'correct horse battery');
  await user.type(screen.getByLabelText('Invitation code'), code);
}

describe('joining a team', () => {
  it('names every missing or mistyped detail beside its field, and keeps nothing', async () => {
    const user = userEvent.setup();
    const { directory } = fakeDirectory();
    render(<JoinTeam directory={directory} now={now} />);
    await user.clear(await screen.findByLabelText('Team server address'));
    await user.type(screen.getByLabelText('Team name'), 'my team');
    await user.type(screen.getByLabelText('Invitation code'), 'ABCD');
    await user.click(screen.getByRole('button', { name: 'Answer the invitation' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText(/Team server address: Enter the address/)).toBeVisible();
    expect(screen.getByLabelText('Team name')).toHaveAccessibleDescription(
      expect.stringContaining('A team name is “team-”') as string,
    );
    expect(screen.getByLabelText('Your user name')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Invitation code')).toHaveAccessibleDescription(
      expect.stringContaining('7 groups of 4') as string,
    );
    expect(directory.answerInvitation).not.toHaveBeenCalled();
    expect(await readTeamJoin()).toBeNull();
  });

  it("shows the server's answer beside the code, and keeps nothing", async () => {
    const user = userEvent.setup();
    const { directory } = fakeDirectory({
      answerInvitation: vi.fn(async () => ({
        ok: false as const,
        problem: {
          kind: 'invitation-not-found' as const,
          message: 'There is no invitation with this code on the team server.',
        },
      })),
    });
    render(<JoinTeam directory={directory} now={now} />);
    await fillForm(user);
    await user.click(screen.getByRole('button', { name: 'Answer the invitation' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Invitation code')).toHaveAccessibleDescription(
        expect.stringContaining('no invitation with this code') as string,
      ),
    );
    expect(await readTeamJoin()).toBeNull();
  });

  it('answers, waits for the lead, then saves the connection once the lead accepts', async () => {
    const user = userEvent.setup();
    const { directory, accept } = fakeDirectory();
    render(<JoinTeam directory={directory} now={now} />);
    await fillForm(user, CODE.toLowerCase());
    await user.click(screen.getByRole('button', { name: 'Answer the invitation' }));

    const waiting = await screen.findByRole('heading', { name: 'Waiting for your service lead' });
    expect(waiting).toBeVisible();
    // The form the coach was in has gone: focus goes to what replaced it.
    await waitFor(() => expect(waiting).toHaveFocus());
    expect(screen.getByText(displayFingerprint(team.lead.fingerprint))).toBeVisible();
    const join = await readTeamJoin();
    expect(join).toMatchObject({
      teamDatabase: TEAM,
      userName: 'coach-amber',
      leadFingerprint: team.lead.fingerprint,
      answeredAt: NOW.toISOString(),
    });
    expect(screen.getByText(displayFingerprint(join!.identity.fingerprint))).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Check again' }));
    expect(await screen.findByText(/has not accepted this device yet/)).toBeVisible();
    expect(await readTeamConnection()).toBeNull();

    accept();
    await user.click(screen.getByRole('button', { name: 'Check again' }));
    expect(await screen.findByText(/This device has joined the team/)).toBeVisible();
    const connection = await readTeamConnection();
    expect(connection).toMatchObject({
      server: '/couchdb',
      userName: 'coach-amber',
      caseloadDatabase: team.caseloadDatabase,
      identity: join!.identity,
      lead: team.lead.publicKeys,
    });
    expect(connection!.caseloadKeys).toHaveLength(1);
    expect(connection!.caseloadKeys[0]!.recipient).toBe(join!.identity.fingerprint);
    expect(await readTeamJoin()).toBeNull();
  });

  it('picks up a join in progress after a reload, and can stop it', async () => {
    const user = userEvent.setup();
    const { directory } = fakeDirectory();
    const first = render(<JoinTeam directory={directory} now={now} />);
    await fillForm(user);
    await user.click(screen.getByRole('button', { name: 'Answer the invitation' }));
    await screen.findByRole('heading', { name: 'Waiting for your service lead' });
    first.unmount();

    render(<JoinTeam directory={directory} now={now} />);
    const waiting = await screen.findByRole('heading', { name: 'Waiting for your service lead' });
    expect(waiting).toBeVisible();
    // Found on opening Settings: focus stays where the page put it.
    expect(waiting).not.toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Stop joining' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Stop joining the team?' });
    await user.click(within(dialog).getByRole('button', { name: 'Stop joining' }));
    expect(await screen.findByRole('heading', { name: "Join your service's team" })).toBeVisible();
    expect(await readTeamJoin()).toBeNull();
  });

  it('does not answer twice when another tab answered meanwhile', async () => {
    const user = userEvent.setup();
    const { directory } = fakeDirectory();
    render(<JoinTeam directory={directory} now={now} />);
    await screen.findByLabelText('Team name');
    // Another tab of the app answers an invitation while this form is open.
    await answerTeamInvitation(
      {
        server: '/couchdb',
        teamDatabase: TEAM,
        userName: 'coach-amber',
        password: 'correct horse battery',
        code: CODE,
      },
      directory,
      NOW,
    );
    const first = await readTeamJoin();
    await fillForm(user);
    await user.click(screen.getByRole('button', { name: 'Answer the invitation' }));
    expect(await screen.findByText(/answered an invitation already/)).toBeVisible();
    expect(directory.answerInvitation).toHaveBeenCalledTimes(1);
    expect(await readTeamJoin()).toEqual(first);
  });

  it('waits, and says so, when the server did not confirm the answer', async () => {
    const user = userEvent.setup();
    const { directory } = fakeDirectory();
    const sent = directory.answerInvitation;
    directory.answerInvitation = vi.fn(async (...args: Parameters<typeof sent>) => {
      await sent(...args);
      return {
        ok: false as const,
        problem: { kind: 'server-unreachable' as const, message: 'The server did not answer.' },
      };
    });
    render(<JoinTeam directory={directory} now={now} />);
    await screen.findByLabelText('Team name');
    await fillForm(user);
    await user.click(screen.getByRole('button', { name: 'Answer the invitation' }));
    expect(
      await screen.findByRole('heading', { name: 'Waiting for your service lead' }),
    ).toBeVisible();
    expect(
      screen.getByText(/The team server did not confirm that your answer reached it/),
    ).toBeVisible();
    expect(await readTeamJoin()).toMatchObject({ state: 'answering' });
  });
});
