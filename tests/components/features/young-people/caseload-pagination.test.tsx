import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getDb } from '../../../../src/db/database';
import { youngPersonSchema } from '../../../../src/domain/schemas';
import {
  factsOf,
  preloadPages,
  PRELOAD_TIMEOUT,
  renderApp,
  resetApp,
  seedGoal,
  seedSession,
  seedYoungPerson,
} from '../../app/render-app';

// "Person 001" ... "Person 120": the caseload's order (by name) is their number.
const LONG = 60_000;
const nameOf = (n: number) => `Person ${String(n).padStart(3, '0')}`;
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => nameOf(from + i));

/** Adds `count` young people in one go (validated records; one by one is slow in jsdom). */
async function seedCaseload(count: number) {
  const template = await seedYoungPerson(nameOf(1));
  const people = Array.from({ length: count - 1 }, (_, i) =>
    youngPersonSchema.parse({ ...template, id: `yp-${i + 2}`, name: nameOf(i + 2) }),
  );
  await getDb().youngPeople.bulkAdd(people);
  return new Map([template, ...people].map((yp) => [yp.name, yp.id]));
}

// Role queries over a hundred cards are slow in jsdom (seconds on a busy machine), so these
// helpers find the list by its label and the names by their headings' tag.

/** The names in the caseload list, in the order shown. */
function shownNames(): string[] {
  const list = screen.getByLabelText('Young people');
  return Array.from(list.querySelectorAll('li > h2'), (h) => h.textContent ?? '');
}

/** A young person's link in the list. */
const linkOf = (name: string) => screen.getByText(name, { selector: 'h2 > a' });

function rowOf(name: string): HTMLElement {
  const row = linkOf(name).closest('li');
  if (!row) throw new Error(`No caseload row for ${name}`);
  return row;
}

describe('CaseloadPage with a long caseload', () => {
  beforeAll(preloadPages, PRELOAD_TIMEOUT);
  beforeEach(resetApp);

  it(
    'shows 50 at a time, says how many, and moves focus to the first one added',
    async () => {
      const user = userEvent.setup();
      const ids = await seedCaseload(120);
      const later = ids.get(nameOf(75)) ?? '';
      const goal = await seedGoal(later);
      await seedSession(later, '2026-10-06', [[goal.id, 6]]);
      renderApp('/');

      expect(await screen.findByText('Showing 50 of 120')).toBeVisible();
      await waitFor(() => expect(shownNames()).toEqual(range(1, 50)));
      expect(screen.getByText('120 open cases, 0 closed')).toBeVisible();
      const more = screen.getByRole('button', { name: 'Show 50 more' });
      expect(more).toHaveAccessibleDescription('Showing 50 of 120');

      await user.click(more);
      await waitFor(() => expect(shownNames()).toEqual(range(1, 100)));
      expect(screen.getByText('Showing 100 of 120')).toBeVisible();
      await waitFor(() => expect(linkOf(nameOf(51))).toHaveFocus());
      // Rows read after "Show more" have their counts too.
      expect(factsOf(rowOf(nameOf(75)))).toEqual(
        new Map([
          ['Programme', 'Not set'],
          ['Goals', '1 goal (1 active)'],
          ['Sessions', '1 session'],
          ['Last session', '6 Oct 2026'],
        ]),
      );

      await user.click(screen.getByRole('button', { name: 'Show 20 more' }));
      await waitFor(() => expect(shownNames()).toEqual(range(1, 120)));
      await waitFor(() => expect(linkOf(nameOf(101))).toHaveFocus());
      expect(screen.getByText('Showing all 120')).toBeVisible();
      expect(screen.queryByRole('button', { name: /^Show \d+ more$/ })).not.toBeInTheDocument();
    },
    LONG,
  );

  it(
    'searches everyone, not only the rows shown, and starts again at 50 after a search',
    async () => {
      const user = userEvent.setup();
      await seedCaseload(120);
      renderApp('/');
      await waitFor(() => expect(shownNames()).toEqual(range(1, 50)));
      const search = screen.getByRole('searchbox', { name: 'Search by name' });

      // Only people beyond the first 50 match.
      await user.type(search, 'person 11');
      await waitFor(() => expect(shownNames()).toEqual(range(110, 119)));
      expect(screen.getByText('10 of 120 young people shown')).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: /more$/ })).not.toBeInTheDocument();

      // More matches than one page: 50 of them, and the rest on request.
      await user.clear(search);
      await user.type(search, 'person 0');
      await waitFor(() => expect(shownNames()).toEqual(range(1, 50)));
      expect(screen.getByText('Showing 50 of 99')).toBeVisible();
      await user.click(screen.getByRole('button', { name: 'Show 49 more' }));
      await waitFor(() => expect(shownNames()).toEqual(range(1, 99)));
      expect(screen.getByText('Showing all 99')).toBeVisible();

      await user.clear(search);
      await waitFor(() => expect(shownNames()).toEqual(range(1, 50)));
      expect(screen.getByText('Showing 50 of 120')).toBeVisible();
    },
    LONG,
  );

  it(
    'keeps the rows on screen up to date as records change',
    async () => {
      const ids = await seedCaseload(60);
      renderApp('/');
      await waitFor(() => expect(shownNames()).toEqual(range(1, 50)));
      expect(factsOf(rowOf(nameOf(2))).get('Sessions')).toBe('0 sessions');

      const id = ids.get(nameOf(2)) ?? '';
      const goal = await seedGoal(id);
      await seedSession(id, '2026-09-15', [[goal.id, 4]]);
      await waitFor(() => expect(factsOf(rowOf(nameOf(2))).get('Sessions')).toBe('1 session'));
      expect(factsOf(rowOf(nameOf(2))).get('Last session')).toBe('15 Sep 2026');

      // Someone deleted elsewhere leaves the list and the count.
      await getDb().youngPeople.delete(ids.get(nameOf(1)) ?? '');
      await waitFor(() => expect(shownNames()).toEqual(range(2, 51)));
      expect(screen.getByText('Showing 50 of 59')).toBeVisible();
    },
    LONG,
  );
});
