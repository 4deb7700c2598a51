import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { RouterProvider, createMemoryRouter, useParams } from 'react-router-dom';
import { getDb } from '../../../../src/db/database';
import { createGoal } from '../../../../src/db/repositories/goals';
import { logSession } from '../../../../src/db/repositories/sessions';
import { createYoungPerson } from '../../../../src/db/repositories/young-people';
import type { GoalInput } from '../../../../src/domain/schemas';
import { useToastStore } from '../../../../src/stores/toast-store';

export const BASELINE_DAY = new Date('2026-01-10T10:00:00Z');

/** A fresh database and no toasts, before each test. */
export async function resetApp() {
  await getDb().delete();
  await getDb().open();
  useToastStore.setState({ toasts: [] });
}

export const toastMessages = () => useToastStore.getState().toasts.map((t) => t.message);

export function seedYoungPerson(name = 'Mia') {
  return createYoungPerson(
    { name, dateOfBirth: '', school: '', programme: '', referralDate: '' },
    BASELINE_DAY,
  );
}

export async function closeCase(youngPersonId: string) {
  // No closure repository yet: seed the closed state directly.
  await getDb().youngPeople.update(youngPersonId, {
    status: 'closed',
    closedOn: '2026-03-01',
    closureReason: 'Goals met',
  });
}

export async function seedGoal(
  youngPersonId: string,
  overrides: Partial<GoalInput> = {},
  now: Date = BASELINE_DAY,
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

/** Logs a session on `date` rating the given goals. */
export function seedSession(youngPersonId: string, date: string, ratings: [string, number][]) {
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

function Stub({ name }: { name: string }) {
  const params = useParams();
  return (
    <p>
      {name} {Object.values(params).join(' ')}
    </p>
  );
}

/** Renders a page at its real route, with stand-ins for the pages it links or navigates to. */
export function renderRoute(path: string, entry: string, element: ReactElement) {
  const router = createMemoryRouter(
    [
      { path, element },
      { path: '/', element: <Stub name="Caseload page" /> },
      { path: '/young-people/:youngPersonId', element: <Stub name="Young person page" /> },
      {
        path: '/young-people/:youngPersonId/sessions/:sessionId',
        element: <Stub name="Session page" />,
      },
      { path: '*', element: <Stub name="Other page" /> },
    ],
    { initialEntries: [entry] },
  );
  render(<RouterProvider router={router} />);
  return router;
}
