import { render, screen, within } from '@testing-library/react';
import { RouterProvider, createMemoryRouter } from 'react-router-dom';
import { routes } from '../../../src/app/routes';
import { getDb } from '../../../src/db/database';
import { createGoal } from '../../../src/db/repositories/goals';
import { logSession } from '../../../src/db/repositories/sessions';
import { createYoungPerson } from '../../../src/db/repositories/young-people';
import type { GoalInput, YoungPersonInput } from '../../../src/domain/schemas';
import { useToastStore } from '../../../src/stores/toast-store';

/** How long beforeAll may take to preload the lazy pages on a busy machine. */
export const PRELOAD_TIMEOUT = 60_000;

/**
 * Loads the lazy page modules once, before the tests, so the first test does not spend its
 * waiting time compiling them. Call as beforeAll(preloadPages, PRELOAD_TIMEOUT).
 */
export async function preloadPages(): Promise<void> {
  await Promise.all([
    import('../../../src/features/young-people/caseload-page'),
    import('../../../src/features/young-people/young-person-form-page'),
    import('../../../src/app/routes/young-person-route'),
  ]);
}

/** When seeded records are made: a fixed day in the past, so dates never land in the future. */
export const SEED_DAY = new Date('2026-09-01T10:00:00Z');

/** A fresh database and no toasts, before each test. */
export async function resetApp(): Promise<void> {
  await getDb().delete();
  await getDb().open();
  useToastStore.setState({ toasts: [] });
}

export const toastMessages = () => useToastStore.getState().toasts.map((t) => t.message);

/** Renders the real app (layout and every lazy route) in a memory router at `path`. */
export function renderApp(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(<RouterProvider router={router} />);
  return router;
}

/** The page's one h1, once its lazy module and live query have loaded. */
export function findPageHeading(name: string | RegExp) {
  return screen.findByRole('heading', { level: 1, name });
}

export function seedYoungPerson(
  name = 'Mia',
  fields: Partial<YoungPersonInput> = {},
  now: Date = SEED_DAY,
) {
  return createYoungPerson(
    { name, dateOfBirth: '', school: '', programme: '', referralDate: '', ...fields },
    now,
  );
}

/** No repository closes a case yet, so the closed state is seeded directly. */
export async function closeCase(youngPersonId: string, closedOn = '2026-10-20') {
  await getDb().youngPeople.update(youngPersonId, {
    status: 'closed',
    closedOn,
    closureReason: 'Support completed',
  });
}

export async function seedGoal(
  youngPersonId: string,
  overrides: Partial<GoalInput> = {},
  now: Date = SEED_DAY,
) {
  const { goal } = await createGoal(
    youngPersonId,
    {
      text: 'To make friends at high school',
      domains: ['belonging'],
      moves: ['belonging-make-friends'],
      setBy: 'young-person',
      baseline: 2,
      baselineRatedBy: 'young-person',
      ...overrides,
    },
    now,
  );
  return goal;
}

/** Logs a session on `date` (yyyy-MM-dd, in the past) rating the given goals. */
export function seedSession(
  youngPersonId: string,
  date: string,
  ratings: [goalId: string, score: number][],
) {
  return logSession(
    youngPersonId,
    {
      date,
      durationMinutes: 45,
      location: 'school',
      moves: [],
      nobleTruths: [],
      notes: '',
      ratedBy: 'young-person',
      ratings: ratings.map(([goalId, score]) => ({ goalId, score })),
    },
    new Date(`${date}T15:00:00Z`),
  );
}

/** A description list's terms and definitions as a map: "Programme" -> "Walk and Talk". */
export function factsOf(container: HTMLElement): Map<string, string> {
  const facts = new Map<string, string>();
  for (const term of within(container).getAllByRole('term')) {
    facts.set(term.textContent ?? '', term.nextElementSibling?.textContent ?? '');
  }
  return facts;
}
