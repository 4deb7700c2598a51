/**
 * The lead's team report against a real CouchDB-protocol server (pouchdb-server in memory on
 * 127.0.0.1, started and stopped here): two coaches' devices join and sync their caseloads;
 * the lead's report counts both coaches' young people, the coach filter narrows it, "Open
 * records" asks first and is logged (ids only) in the lead's sealed state; and with the server
 * out of reach the report still shows this device's copies and says how old they are.
 * Time is passed in; waits are on conditions.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../../../src/db/database';
import { getDataKey } from '../../../../src/db/encryption/session-key';
import {
  logOpenedRecord,
  readTeamLead,
  saveTeamLead,
  updateTeamLead,
} from '../../../../src/db/repositories/team-lead';
import { ReportOverRecords } from '../../../../src/features/reports/report-over-records';
import {
  checkForAnswers,
  inviteOne,
  openLead,
  teamDirectory,
} from '../../../../src/features/team-lead/lead-actions';
import { TeamReportPage } from '../../../../src/features/team-lead/team-report-page';
import { randomBytes } from '../../../../src/lib/crypto';
import {
  answerInvitation,
  collectCaseloadKeys,
  type TeamDirectory,
} from '../../../../src/team/directory';
import { generateDeviceIdentity } from '../../../../src/team/keys/identity';
import {
  createTeamDatabase,
  createTeamUser,
  provisionCoach,
  type TeamCredentials,
} from '../../../../src/team/provision';
import { basicAuth, startCouchServer, type CouchServer } from '../../../support/couch-server';
import {
  addJourney,
  journey,
  makeDevice,
  saved,
  waitFor,
  type Device,
  type Journey,
} from '../../../unit/team/sync/sync-fixtures';

const NOW = new Date('2026-12-07T10:00:00.000Z');
const LATER = new Date('2026-12-08T09:30:00.000Z');
const leadUser: TeamCredentials = { name: 'lead-rowan', password: 'lead password 1' };
const amber: TeamCredentials = { name: 'coach-amber', password: 'coach password 1' };
const basil: TeamCredentials = { name: 'coach-basil', password: 'coach password 2' };

let server: CouchServer;
let teamDatabase: string;
const caseloadOf = new Map<string, string>();
const devices: Device[] = [];
let mia: Journey;
let leo: Journey;

function must<T>(result: { ok: true; value: T } | { ok: false; problem: { message: string } }): T {
  if (!result.ok) throw new Error(result.problem.message);
  return result.value;
}

/** The lead invites the coach's device; it answers, the lead accepts, it collects the key. */
async function join(coach: TeamCredentials): Promise<Device> {
  const caseloadDatabase = caseloadOf.get(coach.name) ?? '';
  const lead = await readTeamLead();
  if (!lead) throw new Error('no lead');
  const invited = await inviteOne(
    await openLead(lead),
    { coachName: coach.name, caseloadDatabase },
    teamDirectory,
    NOW,
  );
  if (!invited.ok) throw new Error(invited.message);
  const coachTeam: TeamDirectory = {
    address: server.url,
    credentials: coach,
    database: teamDatabase,
  };
  const identity = (await generateDeviceIdentity(randomBytes(32))).identity;
  must(await answerInvitation(coachTeam, invited.value.code, identity, NOW));
  // The lead has compared the device's fingerprint with the coach's screen.
  const checked = await checkForAnswers(await openLead(invited.value.lead), teamDirectory, NOW, {
    confirmed: { [invited.value.lead.pending[0]?.invitation.inviteId ?? '']: identity.fingerprint },
  });
  expect(checked.outcomes.map((o) => o.state)).toEqual(['accepted']);
  const collected = must(await collectCaseloadKeys(coachTeam, identity, lead.identity.fingerprint));
  if (collected.state !== 'collected') throw new Error(collected.message);
  const key = collected.caseloads[0]?.keys[0];
  if (!key) throw new Error('no key');
  const device = makeDevice(coach.name, {
    remoteUrl: `${server.url}/${caseloadDatabase}`,
    credentials: coach,
    caseloadKey: key,
  });
  devices.push(device);
  return device;
}

beforeAll(async () => {
  server = await startCouchServer();
  must(await createTeamUser(server.url, server.admin, leadUser));
  teamDatabase = must(
    await createTeamDatabase(server.url, server.admin, { lead: leadUser.name }),
  ).database;
  for (const coach of [amber, basil]) {
    const provisioned = must(
      await provisionCoach(server.url, server.admin, coach, leadUser.name, teamDatabase),
    );
    caseloadOf.set(coach.name, provisioned.database);
  }
  await getDb().delete();
  await getDb().open();
  const { stored } = await generateDeviceIdentity(getDataKey() as Uint8Array);
  await saveTeamLead(
    {
      server: server.url,
      teamDatabase,
      userName: leadUser.name,
      password: leadUser.password,
      identity: stored,
      caseloadKeys: [],
      pending: [],
      heldLists: [],
    },
    NOW,
  );

  // Coach Amber's device: two young people. Coach Basil's: one.
  const a = await join(amber);
  mia = journey('Mia Thornbury', 'Go to football on Saturdays', 'Talked about the team');
  await addJourney(a.db, mia);
  leo = journey('Leo Castleford', 'Sleep before ten', 'Made a bedtime plan');
  await addJourney(a.db, leo);
  const b = await join(basil);
  await addJourney(b.db, journey('Ava Marsh', 'Walk the dog', 'Dog walk went well'));
  for (const device of devices) {
    await device.start();
    await saved(device);
  }
});

afterAll(async () => {
  for (const d of devices.splice(0)) {
    await d.session.stop();
    d.db.close();
  }
  await server?.stop();
});

/** How many times the page asked the server for the caseloads. */
let listings = 0;
const countingDirectory = {
  listCaseloads: (...args: Parameters<typeof teamDirectory.listCaseloads>) => {
    listings += 1;
    return teamDirectory.listCaseloads(...args);
  },
};

function renderReport(now: Date) {
  return render(
    <MemoryRouter initialEntries={['/team-report?from=2026-01-01&to=2026-12-31']}>
      <TeamReportPage
        now={() => now}
        directory={countingDirectory}
        renderReport={({ records, coachFilter, scope }) => (
          <ReportOverRecords
            records={records}
            threshold={3}
            extraFilters={coachFilter}
            scope={scope}
          />
        )}
      />
    </MemoryRouter>,
  );
}

function sizeRow(coach: string): HTMLElement {
  const table = screen.getByRole('table', { name: 'Coaches and their caseloads' });
  const header = within(table).getByRole('rowheader', { name: coach });
  const row = header.closest('tr');
  if (!row) throw new Error(coach);
  return row;
}

describe("the lead's team report on a real team server", () => {
  it('counts both coaches’ young people, narrows to one coach, and logs opening records', async () => {
    renderReport(NOW);
    const user = userEvent.setup();
    expect(await screen.findByRole('heading', { level: 1, name: 'Team report' })).toBeVisible();
    expect(
      await screen.findByText(
        'All coaches: All programmes, 1 Jan 2026 to 31 Dec 2026: 3 young people.',
      ),
    ).toBeVisible();
    expect(
      screen.getByText('Every document from the service opened and passed its check.'),
    ).toBeVisible();
    expect(sizeRow('coach-amber')).toHaveTextContent(/^coach-amber1220$/);
    expect(sizeRow('coach-basil')).toHaveTextContent(/^coach-basil1110$/);
    expect(
      within(screen.getByRole('table', { name: 'Cases held by coach-amber' }))
        .getAllByRole('rowheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Leo Castleford', 'Mia Thornbury']);
    const status = screen
      .getAllByRole('status')
      .find((s) => s.classList.contains('team-report__status'));
    expect(status).toHaveTextContent(/^Got the newest from the service at /);
    // The case list shows no goal words.
    expect(screen.queryByText(/Go to football/)).toBeNull();

    // "Get the newest from the service", clicked twice at once, asks once.
    listings = 0;
    await user.dblClick(screen.getByRole('button', { name: 'Get the newest from the service' }));
    expect(status).toHaveTextContent(/^(Asking the team server|Getting caseload \d of 2…)/);
    expect(await screen.findByText(/^Got the newest from the service at /)).toBeVisible();
    expect(listings).toBe(1);

    // Coach filter: Basil's caseload only.
    await user.selectOptions(screen.getByLabelText('Coach'), 'coach-basil');
    expect(
      await screen.findByText(
        'coach-basil: All programmes, 1 Jan 2026 to 31 Dec 2026: 1 young person.',
      ),
    ).toBeVisible();
    expect(screen.queryByRole('table', { name: 'Cases held by coach-amber' })).toBeNull();
    expect(screen.getByRole('table', { name: 'Cases held by coach-basil' })).toBeVisible();
    await user.selectOptions(screen.getByLabelText('Coach'), 'coach-amber');
    expect(
      await screen.findByText(
        'coach-amber: All programmes, 1 Jan 2026 to 31 Dec 2026: 2 young people.',
      ),
    ).toBeVisible();

    // Opening records is asked first; cancelling opens and logs nothing.
    await user.click(screen.getByRole('button', { name: 'Open records of Mia Thornbury' }));
    const dialog = await screen.findByRole('alertdialog', {
      name: 'Open the records of Mia Thornbury?',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect((await readTeamLead())?.openedRecords).toEqual([]);
    expect(screen.queryByText(/Go to football/)).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Open records of Mia Thornbury' }));
    const asked = await screen.findByRole('alertdialog', {
      name: 'Open the records of Mia Thornbury?',
    });
    await user.click(within(asked).getByRole('button', { name: 'Open records' }));
    const records = await screen.findByRole('region', { name: 'Records of Mia Thornbury' });
    const goals = within(records).getByRole('table', {
      name: 'Goals and ratings of Mia Thornbury',
    });
    expect(
      within(goals).getByRole('rowheader', { name: 'Go to football on Saturdays' }),
    ).toBeVisible();
    const ratings = within(goals)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    // The baseline first; the session's two ratings, given at one instant, in either order.
    expect(ratings[0]).toBe('3 on 1 Sep 2026 (Young person)');
    expect(ratings.sort()).toEqual([
      '3 on 1 Sep 2026 (Young person)',
      '4 on 8 Sep 2026 (Young person)',
      '5 on 8 Sep 2026 (Young person)',
    ]);
    expect((await readTeamLead())?.openedRecords).toEqual([
      {
        youngPersonId: mia.youngPerson.id,
        caseloadId: caseloadOf.get(amber.name),
        openedAt: NOW.toISOString(),
      },
    ]);
    const opened = screen.getByRole('list', { name: 'Records you opened' });
    expect(within(opened).getAllByRole('listitem')).toHaveLength(1);
    expect(within(opened).getByRole('listitem')).toHaveTextContent(/^Mia Thornbury \(caseload-/);
  });

  it('counts a document that does not open, says so, and reads the rest', async () => {
    // The server's administrator writes a document no caseload key sealed into Basil's caseload.
    const response = await fetch(`${server.url}/${caseloadOf.get(basil.name)}/${'e'.repeat(32)}`, {
      method: 'PUT',
      headers: { authorization: basicAuth(server.admin), 'content-type': 'application/json' },
      body: JSON.stringify({ v: 1, c: 'AAAA' }),
    });
    expect(response.ok).toBe(true);
    renderReport(NOW);
    expect(
      await screen.findByText(
        '1 document from the service could not be opened or failed its check, so it is left out of the report.',
      ),
    ).toBeVisible();
    expect(sizeRow('coach-basil')).toHaveTextContent(/^coach-basil1111$/);
    expect(sizeRow('coach-amber')).toHaveTextContent(/^coach-amber1220$/);
    expect(
      screen.getByText('All coaches: All programmes, 1 Jan 2026 to 31 Dec 2026: 3 young people.'),
    ).toBeVisible();
  });

  it('says which caseload the server refused, and shows this device’s copy of it', async () => {
    const security = `${server.url}/${caseloadOf.get(basil.name)}/_security`;
    const admin = { authorization: basicAuth(server.admin), 'content-type': 'application/json' };
    const before = await (await fetch(security, { headers: admin })).text();
    // The lead taken out of Basil's caseload on the server (Basil alone a member).
    const refused = await fetch(security, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({
        admins: { names: [], roles: [] },
        members: { names: [basil.name], roles: [] },
      }),
    });
    expect(refused.ok).toBe(true);
    try {
      renderReport(LATER);
      const notUpToDate = await screen.findByRole('list', { name: 'Caseloads not up to date' });
      expect(within(notUpToDate).getByRole('listitem')).toHaveTextContent(
        /^coach-basil \(caseload-[0-9a-f]+\): The team server would not let your account read this caseload\. Ask your service’s IT team to check that you are one of its members\. Showing what this device last got from the service, on \d\d:\d\d on 7 Dec 2026\.$/,
      );
      expect(sizeRow('coach-basil')).toHaveTextContent(/^coach-basil111/);
      expect(
        screen.getByText('All coaches: All programmes, 1 Jan 2026 to 31 Dec 2026: 3 young people.'),
      ).toBeVisible();
    } finally {
      await fetch(security, { method: 'PUT', headers: admin, body: before });
    }
  });

  it('shows this device’s copies when the server cannot be reached, and says how old they are', async () => {
    // Got from the server once, on 7 December (whatever ran before).
    const first = renderReport(NOW);
    expect(await screen.findByText(/^Got the newest from the service at /)).toBeVisible();
    first.unmount();
    // Two records opened, the later one of a young person no longer in these caseloads.
    await logOpenedRecord(
      {
        youngPersonId: mia.youngPerson.id,
        caseloadId: caseloadOf.get(amber.name) ?? '',
        openedAt: '2026-12-07T11:00:00.000Z',
      },
      NOW,
    );
    await logOpenedRecord(
      {
        youngPersonId: crypto.randomUUID(),
        caseloadId: caseloadOf.get(basil.name) ?? '',
        openedAt: '2026-12-07T12:00:00.000Z',
      },
      NOW,
    );

    // The server's address changes to one where nothing answers.
    await updateTeamLead((lead) => ({ ...lead, server: 'http://127.0.0.1:9' }), LATER);
    renderReport(LATER);
    const notUpToDate = await screen.findByRole('list', { name: 'Caseloads not up to date' });
    const items = within(notUpToDate).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(item).toHaveTextContent(
        /Showing what this device last got from the service, on \d\d:\d\d on 7 Dec 2026\.$/,
      );
    }
    expect(items.map((item) => item.textContent?.split(' ')[0]).sort()).toEqual([
      'coach-amber',
      'coach-basil',
    ]);
    // Still every young person, and the coach filter still has the coaches' names.
    expect(
      screen.getByText('All coaches: All programmes, 1 Jan 2026 to 31 Dec 2026: 3 young people.'),
    ).toBeVisible();
    expect(
      screen.getByText(/^The caseloads could not be listed from the team server: /),
    ).toBeVisible();
    expect(
      within(screen.getByLabelText('Coach'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['All coaches', 'coach-amber', 'coach-basil']);
    // The log of opened records: newest first, with the name when it is known.
    const opened = within(screen.getByRole('list', { name: 'Records you opened' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(opened[0]).toMatch(/^A young person no longer in these caseloads \(caseload-/);
    expect(opened[1]).toMatch(/^Mia Thornbury \(caseload-/);
  });

  it('moves a case to another coach: the new coach’s device gets every rating, the old one stops showing it', async () => {
    await updateTeamLead((lead) => ({ ...lead, server: server.url }), LATER);
    const [amberDevice, basilDevice] = devices;
    if (!amberDevice || !basilDevice) throw new Error('two devices');
    renderReport(LATER);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Move Leo Castleford’s case…' }));
    await user.selectOptions(screen.getByLabelText('Move to'), 'coach-basil');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(
      screen.getByText('Move Leo Castleford’s case from coach-amber to coach-basil?'),
    ).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Move the case' }));
    const said = await screen.findByText(
      'Leo Castleford’s case moved to coach-basil (1 young person, 1 goal, 1 session, 3 ratings).',
    );
    // The lists are got again and show the case with its new coach; focus on what was done.
    await waitForElement(() =>
      within(screen.getByRole('table', { name: 'Cases held by coach-basil' })).queryByRole(
        'rowheader',
        { name: 'Leo Castleford' },
      ),
    );
    await waitForElement(() => (document.activeElement === said ? said : null));
    expect(
      within(screen.getByRole('table', { name: 'Cases held by coach-amber' }))
        .getAllByRole('rowheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Mia Thornbury']);
    expect((await readTeamLead())?.moves).toEqual([
      {
        youngPersonId: leo.youngPerson.id,
        fromCaseload: caseloadOf.get(amber.name),
        toCaseload: caseloadOf.get(basil.name),
        movedAt: LATER.toISOString(),
      },
    ]);

    // Basil's device gets Leo with every rating; Amber's stops showing him.
    await waitFor(
      basilDevice,
      async () => (await basilDevice.db.ratings.where('goalId').equals(leo.goal.id).count()) === 3,
      'Leo’s ratings on Basil’s device',
    );
    expect(await basilDevice.db.youngPeople.get(leo.youngPerson.id)).toEqual(leo.youngPerson);
    expect(await basilDevice.db.sessions.get(leo.session.id)).toEqual(leo.session);
    await waitFor(
      amberDevice,
      async () => (await amberDevice.db.youngPeople.get(leo.youngPerson.id)) === undefined,
      'Leo gone from Amber’s device',
    );
    expect(await amberDevice.db.ratings.where('goalId').equals(leo.goal.id).count()).toBe(0);
    expect(await amberDevice.db.youngPeople.get(mia.youngPerson.id)).toEqual(mia.youngPerson);
  });

  it('says which caseload late work could not be forwarded from, next to the other notes (review 14c finding 6)', async () => {
    // Leo moved from Amber's caseload (above); the lead is then taken out of it on the server.
    const security = `${server.url}/${caseloadOf.get(amber.name)}/_security`;
    const admin = { authorization: basicAuth(server.admin), 'content-type': 'application/json' };
    const before = await (await fetch(security, { headers: admin })).text();
    const refused = await fetch(security, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({
        admins: { names: [], roles: [] },
        members: { names: [amber.name], roles: [] },
      }),
    });
    expect(refused.ok).toBe(true);
    try {
      renderReport(LATER);
      const waiting = await screen.findByRole('list', { name: 'Late work not forwarded yet' });
      expect(within(waiting).getByRole('listitem')).toHaveTextContent(
        /^Work sent late to coach-amber’s caseload \(caseload-[0-9a-f]+\) after a case moved away could not be forwarded yet: The team server would not let your account read this caseload\. Ask your service’s IT team to check that you are one of its members\. It will be tried again at the next refresh\.$/,
      );
    } finally {
      await fetch(security, { method: 'PUT', headers: admin, body: before });
    }
  });
});

/** Resolves once `find` returns an element (React Testing Library's own wait). */
async function waitForElement(find: () => HTMLElement | null): Promise<void> {
  await vi.waitFor(
    () => {
      if (!find()) throw new Error('not yet');
    },
    { timeout: 20_000, interval: 20 },
  );
}
