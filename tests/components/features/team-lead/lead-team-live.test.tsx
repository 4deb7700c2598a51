/**
 * Settings > Lead a team against a real CouchDB-protocol server (pouchdb-server in memory on
 * 127.0.0.1, started and stopped here): the lead's device sets up and invites a coach; the
 * coach's device answers with the code as the screen showed it; "Check for answers" says it
 * was accepted, with the coach's device fingerprint; and the coach's device then collects the
 * caseload's key. Time is passed in; waits are on conditions.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../../src/db/database';
import { readTeamLead } from '../../../../src/db/repositories/team-lead';
import { LeadTeamSection } from '../../../../src/features/team-lead/lead-team-section';
import { randomBytes } from '../../../../src/lib/crypto';
import {
  answerInvitation,
  collectCaseloadKeys,
  type TeamDirectory,
} from '../../../../src/team/directory';
import { displayFingerprint, generateDeviceIdentity } from '../../../../src/team/keys/identity';
import {
  createTeamDatabase,
  createTeamUser,
  provisionCoach,
  type TeamCredentials,
} from '../../../../src/team/provision';
import { startCouchServer, type CouchServer } from '../../../support/couch-server';

const NOW = new Date('2026-12-07T10:00:00.000Z');
const leadUser: TeamCredentials = { name: 'lead-rowan', password: 'lead password 1' };
const coachUser: TeamCredentials = { name: 'coach-amber', password: 'coach password 1' };

let server: CouchServer;
let teamDatabase: string;
let caseloadDatabase: string;

function must<T>(result: { ok: true; value: T } | { ok: false; problem: { message: string } }): T {
  if (!result.ok) throw new Error(result.problem.message);
  return result.value;
}

beforeAll(async () => {
  server = await startCouchServer();
  must(await createTeamUser(server.url, server.admin, leadUser));
  teamDatabase = must(
    await createTeamDatabase(server.url, server.admin, { lead: leadUser.name }),
  ).database;
  caseloadDatabase = must(
    await provisionCoach(server.url, server.admin, coachUser, leadUser.name, teamDatabase),
  ).database;
});

afterAll(async () => {
  await server?.stop();
});

beforeEach(async () => {
  await getDb().delete();
  await getDb().open();
});

describe('leading a team on a real team server', () => {
  it('sets up, invites, and accepts the coach device’s answer; the coach collects the key', async () => {
    render(<LeadTeamSection now={() => NOW} />);
    const region = await screen.findByRole('region', { name: 'Lead a team' });
    const user = userEvent.setup();

    const setUp = await within(region).findByRole('form', {
      name: 'Set up this device to lead the team',
    });
    await user.clear(within(setUp).getByLabelText('Server address'));
    await user.type(within(setUp).getByLabelText('Server address'), server.url);
    await user.type(within(setUp).getByLabelText('Team name'), teamDatabase);
    await user.type(within(setUp).getByLabelText('User name'), leadUser.name);
    await user.type(within(setUp).getByLabelText('Password'), 'a wrong password');
    await user.click(within(setUp).getByRole('button', { name: 'Set up' }));
    expect(await within(setUp).findByRole('alert')).toHaveTextContent(/password/i);
    expect(await readTeamLead()).toBeNull();

    await user.clear(within(setUp).getByLabelText('Password'));
    await user.type(within(setUp).getByLabelText('Password'), leadUser.password);
    await user.click(within(setUp).getByRole('button', { name: 'Set up' }));
    expect(await within(region).findByText(/This device leads the team/)).toBeVisible();
    const leadFingerprint = (await readTeamLead())?.identity.fingerprint ?? '';
    expect(
      await within(region).findByText(/No caseload is set up for team working yet/),
    ).toBeVisible();

    const form = within(region).getByRole('form', { name: 'Invite a coach' });
    await user.type(within(form).getByLabelText('Coach’s user name'), coachUser.name);
    await user.type(within(form).getByLabelText('Their caseload'), caseloadDatabase);
    await user.click(within(form).getByRole('button', { name: 'Make an invitation' }));
    const shown = await within(region).findByRole('region', { name: 'Invitation code' });
    const codeText = shown.querySelector('.team-lead__code-text')?.textContent ?? '';
    expect(codeText).toMatch(/^([A-Z2-9]{4} ){6}[A-Z2-9]{4}$/);
    expect(shown).toHaveTextContent(displayFingerprint(leadFingerprint));

    // The coach's device, given the code by hand.
    const coachTeam: TeamDirectory = {
      address: server.url,
      credentials: coachUser,
      database: teamDatabase,
    };
    const device = (await generateDeviceIdentity(randomBytes(32))).identity;
    const answered = must(await answerInvitation(coachTeam, codeText, device, NOW));
    expect(answered.leadFingerprint).toBe(leadFingerprint);

    await user.click(within(region).getByRole('button', { name: 'Check for answers' }));
    // The device's fingerprint, to compare with the coach's screen, before anything is shared.
    const answered1 = await within(region).findByRole('group', {
      name: `Answered: ${coachUser.name} (${caseloadDatabase})`,
    });
    expect(answered1).toHaveTextContent(displayFingerprint(device.fingerprint));
    expect((await readTeamLead())?.pending).toHaveLength(1);
    await user.click(
      within(answered1).getByLabelText(
        'I have compared the fingerprint with the coach’s screen: it is the same',
      ),
    );
    await user.click(within(answered1).getByRole('button', { name: 'Accept this device' }));
    const answers = await within(region).findByRole('list', { name: 'Answers' });
    expect(await within(answers).findByText(/^Accepted/)).toHaveTextContent(
      `Accepted: ${coachUser.name} (${caseloadDatabase}) has joined with the device whose fingerprint you compared: ${displayFingerprint(device.fingerprint)}.`,
    );
    expect(await within(region).findByText('No invitations are waiting.')).toBeVisible();
    // The list is asked for again after the acceptance (the one shown stays meanwhile).
    await waitFor(() =>
      expect(
        within(region).getByRole('list', { name: `Devices holding ${caseloadDatabase}` }),
      ).toHaveTextContent(displayFingerprint(device.fingerprint)),
    );
    expect((await readTeamLead())?.pending).toEqual([]);

    const collected = must(await collectCaseloadKeys(coachTeam, device, leadFingerprint));
    if (collected.state !== 'collected') throw new Error(collected.message);
    expect(collected.caseloads.map((c) => c.caseloadDatabase)).toEqual([caseloadDatabase]);

    // The coach's second device: the caseload's key is held here now, and the list kept from
    // the first acceptance is passed back (a newer list is published, not an older one).
    await user.type(within(form).getByLabelText('Coach’s user name'), coachUser.name);
    await user.type(within(form).getByLabelText('Their caseload'), caseloadDatabase);
    await user.click(within(form).getByRole('button', { name: 'Make an invitation' }));
    const secondCode = await within(region).findByText((_, element) =>
      Boolean(
        element?.classList.contains('team-lead__code-text') && element.textContent !== codeText,
      ),
    );
    const second = (await generateDeviceIdentity(randomBytes(32))).identity;
    must(await answerInvitation(coachTeam, secondCode.textContent ?? '', second, NOW));
    await user.click(within(region).getByRole('button', { name: 'Check for answers' }));
    const answered2 = await within(region).findByRole('group', { name: /^Answered/ });
    expect(answered2).toHaveTextContent(displayFingerprint(second.fingerprint));
    await user.click(within(answered2).getByRole('checkbox'));
    await user.click(within(answered2).getByRole('button', { name: 'Accept this device' }));
    expect(await within(region).findByText(/^Accepted/)).toHaveTextContent(
      displayFingerprint(second.fingerprint),
    );
    const kept = (await readTeamLead())?.heldLists ?? [];
    expect(kept.map((l) => [l.membership.caseloadId, l.membership.version])).toEqual([
      [caseloadDatabase, 3],
    ]);
    const again = must(await collectCaseloadKeys(coachTeam, second, leadFingerprint));
    if (again.state !== 'collected') throw new Error(again.message);
    expect(again.caseloads.map((c) => c.caseloadDatabase)).toEqual([caseloadDatabase]);
  });
});
