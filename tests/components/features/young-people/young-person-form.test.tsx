import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getDb } from '../../../../src/db/database';
import { ageOn, toIsoDate } from '../../../../src/lib/dates';
import {
  factsOf,
  findPageHeading,
  preloadPages,
  PRELOAD_TIMEOUT,
  renderApp,
  resetApp,
  seedYoungPerson,
  toastMessages,
} from '../../app/render-app';

const today = () => toIsoDate(new Date());

/** An optional field's label: "School (optional)" (the test DOM may drop the space). */
const optional = (label: string) => new RegExp(`^${label}\\s*\\(optional\\)$`);

/** The form's fields, found by their labels. */
function fields() {
  return {
    name: screen.getByRole('textbox', { name: 'Name or initials' }),
    dateOfBirth: screen.getByLabelText(optional('Date of birth')),
    school: screen.getByRole('textbox', { name: optional('School') }),
    programme: screen.getByRole('combobox', { name: optional('Programme') }),
    referralDate: screen.getByLabelText(optional('Referral date')),
  };
}

async function openAddForm() {
  const router = renderApp('/young-people/new');
  await findPageHeading('Add young person');
  return router;
}

/** The facts list on the young person page, once it has loaded. */
async function factsOnPage(name: string) {
  const heading = await findPageHeading(name);
  const header = heading.closest('header');
  if (!header) throw new Error('No page header');
  return factsOf(header);
}

describe('Add and edit a young person', () => {
  beforeAll(preloadPages, PRELOAD_TIMEOUT);
  beforeEach(resetApp);

  it('labels every field, with the referral date set to today', async () => {
    await openAddForm();
    const f = fields();
    expect(f.name).toHaveAccessibleDescription(/A first name or initials is enough/);
    expect(f.name).toHaveValue('');
    expect(f.dateOfBirth).toHaveAttribute('type', 'date');
    expect(f.dateOfBirth).toHaveAttribute('max', today());
    expect(f.school).toHaveValue('');
    expect(f.programme).toHaveAccessibleDescription('Choose a suggestion or type your own.');
    expect(f.referralDate).toHaveValue(today());
    expect(screen.getByRole('button', { name: 'Add young person' })).toBeEnabled();
    expect(screen.getByRole('link', { name: 'Cancel' })).toHaveAttribute('href', '/');
  });

  it('refuses an empty name with a message by the field and in the summary, saving nothing', async () => {
    const user = userEvent.setup();
    await openAddForm();
    await user.type(fields().school, 'Northgate');

    await user.click(screen.getByRole('button', { name: 'Add young person' }));

    const summary = await screen.findByRole('alert');
    expect(
      within(summary).getByRole('heading', { name: 'One thing needs checking' }),
    ).toBeVisible();
    expect(summary).toHaveTextContent('Name or initials: Enter a first name or initials.');
    expect(summary).toHaveFocus();
    const name = fields().name;
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription(/Error:\s*Enter a first name or initials\.$/);
    expect(fields().school).toHaveValue('Northgate');
    expect(await getDb().youngPeople.count()).toBe(0);
    expect(toastMessages()).toEqual([]);
  });

  it('refuses a date of birth in the future by its field', async () => {
    const user = userEvent.setup();
    await openAddForm();
    await user.type(fields().name, 'Mia');
    fireEvent.change(fields().dateOfBirth, { target: { value: '2099-01-01' } });

    await user.click(screen.getByRole('button', { name: 'Add young person' }));

    const message = 'The date of birth cannot be in the future.';
    await waitFor(() =>
      expect(fields().dateOfBirth).toHaveAccessibleDescription(
        /^Error:\s*The date of birth cannot/,
      ),
    );
    expect(screen.getByText(message).closest('.field')).toContainElement(fields().dateOfBirth);
    expect(fields().dateOfBirth).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent(`Date of birth: ${message}`);
    expect(fields().name).not.toHaveAttribute('aria-invalid');
    expect(await getDb().youngPeople.count()).toBe(0);
  });

  it('saves empty optional fields as null', async () => {
    const user = userEvent.setup();
    await openAddForm();
    await user.type(fields().name, ' Mia ');
    await user.clear(fields().referralDate);

    await user.click(screen.getByRole('button', { name: 'Add young person' }));

    await findPageHeading('Mia');
    const [saved, ...others] = await getDb().youngPeople.toArray();
    expect(others).toEqual([]);
    expect(saved).toMatchObject({
      name: 'Mia',
      dateOfBirth: null,
      school: null,
      programme: null,
      referralDate: null,
      status: 'open',
    });
    expect(await factsOnPage('Mia')).toEqual(
      new Map([
        ['Case', 'Open'],
        ['Programme', 'Not set'],
        ['Date of birth', 'Not recorded'],
        ['School', 'Not recorded'],
        ['Referred', 'Not recorded'],
      ]),
    );
  });

  it('saves every field and goes to the young person page showing them', async () => {
    const user = userEvent.setup();
    const router = await openAddForm();
    const f = fields();
    await user.type(f.name, 'Mia');
    fireEvent.change(f.dateOfBirth, { target: { value: '2013-03-14' } });
    await user.click(f.school);
    await user.paste('Harbour View Primary');
    await user.click(f.programme);
    await user.paste('Moving on Up 1:1');
    fireEvent.change(f.referralDate, { target: { value: '2026-09-01' } });

    await user.click(screen.getByRole('button', { name: 'Add young person' }));

    const facts = await factsOnPage('Mia');
    const [saved] = await getDb().youngPeople.toArray();
    expect(saved).toMatchObject({
      name: 'Mia',
      dateOfBirth: '2013-03-14',
      school: 'Harbour View Primary',
      programme: 'Moving on Up 1:1',
      referralDate: '2026-09-01',
    });
    expect(router.state.location.pathname).toBe(`/young-people/${saved?.id}`);
    expect(facts).toEqual(
      new Map([
        ['Case', 'Open'],
        ['Programme', 'Moving on Up 1:1'],
        ['Date of birth', `14 Mar 2013 (age ${ageOn('2013-03-14', today())})`],
        ['School', 'Harbour View Primary'],
        ['Referred', '1 Sep 2026'],
      ]),
    );
    expect(toastMessages()).toContain('Mia added to the caseload');
  });

  it('warns once about a possible duplicate, then adds them anyway', async () => {
    const user = userEvent.setup();
    await seedYoungPerson('Mia', { dateOfBirth: '2013-03-14' });
    const router = await openAddForm();
    await user.type(fields().name, 'mia');
    fireEvent.change(fields().dateOfBirth, { target: { value: '2013-03-14' } });
    const save = screen.getByRole('button', { name: 'Add young person' });

    await user.click(save);

    const warning = await screen.findByRole('alert');
    expect(warning).toHaveTextContent('Is this the same person?');
    expect(warning).toHaveTextContent('The caseload already has Mia, born 14 Mar 2013.');
    expect(warning).toHaveTextContent('select “Add young person” again to save anyway');
    expect(await getDb().youngPeople.count()).toBe(1);
    expect(router.state.location.pathname).toBe('/young-people/new');

    await user.click(save);

    await findPageHeading('mia');
    expect(await getDb().youngPeople.count()).toBe(2);
    expect(toastMessages()).toContain('mia added to the caseload');
  });

  it('does not warn when the date of birth differs', async () => {
    const user = userEvent.setup();
    await seedYoungPerson('Mia', { dateOfBirth: '2013-03-14' });
    await openAddForm();
    await user.type(fields().name, 'Mia');
    fireEvent.change(fields().dateOfBirth, { target: { value: '2014-03-14' } });

    await user.click(screen.getByRole('button', { name: 'Add young person' }));

    await findPageHeading('Mia');
    expect(screen.queryByText(/Is this the same person\?/)).not.toBeInTheDocument();
    expect(await getDb().youngPeople.count()).toBe(2);
  });

  it('edits the stored details without warning about the young person themselves', async () => {
    const user = userEvent.setup();
    const mia = await seedYoungPerson('Mia', {
      dateOfBirth: '2013-03-14',
      school: 'Old School',
      programme: 'Walk and Talk',
      referralDate: '2026-08-01',
    });
    const router = renderApp(`/young-people/${mia.id}/edit`);
    await findPageHeading("Edit Mia's details");

    const f = fields();
    expect(f.name).toHaveValue('Mia');
    expect(f.dateOfBirth).toHaveValue('2013-03-14');
    expect(f.school).toHaveValue('Old School');
    expect(f.programme).toHaveValue('Walk and Talk');
    expect(f.referralDate).toHaveValue('2026-08-01');
    expect(screen.getByRole('link', { name: 'Cancel' })).toHaveAttribute(
      'href',
      `/young-people/${mia.id}`,
    );

    await user.clear(f.school);
    await user.paste('New School');
    await user.clear(f.programme);

    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const facts = await factsOnPage('Mia');
    expect(router.state.location.pathname).toBe(`/young-people/${mia.id}`);
    expect(facts.get('School')).toBe('New School');
    expect(facts.get('Programme')).toBe('Not set');
    const stored = await getDb().youngPeople.get(mia.id);
    expect(stored).toMatchObject({
      name: 'Mia',
      dateOfBirth: '2013-03-14',
      school: 'New School',
      programme: null,
      referralDate: '2026-08-01',
      status: 'open',
      createdAt: mia.createdAt,
    });
    expect(await getDb().youngPeople.count()).toBe(1);
    expect(toastMessages()).toContain("Mia's details saved");
  });

  it('says so when editing a young person who is not there', async () => {
    renderApp('/young-people/no-such-id/edit');
    expect(await findPageHeading('Young person not found')).toBeVisible();
  });
});
