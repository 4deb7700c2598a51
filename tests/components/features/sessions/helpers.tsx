import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, useParams } from 'react-router-dom';
import { getDb } from '../../../../src/db/database';
import { createGoal } from '../../../../src/db/repositories/goals';
import { logSession } from '../../../../src/db/repositories/sessions';
import { createYoungPerson } from '../../../../src/db/repositories/young-people';
import type { GoalInput, SessionInput } from '../../../../src/domain/schemas';
import { toIsoDate } from '../../../../src/lib/dates';
import { useToastStore } from '../../../../src/stores/toast-store';
import { LogSessionPage } from '../../../../src/features/sessions/log-session-page';
import { SessionPage } from '../../../../src/features/sessions/session-page';

export async function resetAll(): Promise<void> {
  await getDb().delete();
  await getDb().open();
  useToastStore.setState({ toasts: [] });
}

export function daysAgo(days: number): Date {
  return new Date(Date.now() - days * 24 * 3600_000);
}

export function isoDaysAgo(days: number): string {
  return toIsoDate(daysAgo(days));
}

export async function seedYoungPerson(name = 'Mia') {
  return createYoungPerson(
    { name, dateOfBirth: '', school: '', programme: '', referralDate: '' },
    daysAgo(30),
  );
}

export async function seedGoal(
  youngPersonId: string,
  text: string,
  baseline: number,
  extra: Partial<GoalInput> = {},
  setDaysAgo = 20,
) {
  const { goal } = await createGoal(
    youngPersonId,
    {
      text,
      domains: ['coping'],
      moves: ['coping-calm-down'],
      setBy: 'young-person',
      baseline,
      baselineRatedBy: 'young-person',
      ...extra,
    },
    daysAgo(setDaysAgo),
  );
  return goal;
}

export async function seedSession(
  youngPersonId: string,
  ratings: { goalId: string; score: number }[],
  extra: Partial<SessionInput> = {},
) {
  return logSession(youngPersonId, {
    date: isoDaysAgo(7),
    durationMinutes: 45,
    location: 'school',
    moves: [],
    nobleTruths: [],
    notes: '',
    ratedBy: 'young-person',
    ratings,
    ...extra,
  });
}

function YoungPersonStub() {
  const { youngPersonId } = useParams();
  return <h1>Young person page {youngPersonId}</h1>;
}

/** Renders the sessions routes in a memory router, starting at `path`. */
export function renderAt(path: string) {
  const router = createMemoryRouter(
    [
      { path: '/young-people/:youngPersonId', element: <YoungPersonStub /> },
      { path: '/young-people/:youngPersonId/sessions/new', element: <LogSessionPage /> },
      { path: '/young-people/:youngPersonId/sessions/:sessionId', element: <SessionPage /> },
      { path: '/young-people/:youngPersonId/goals/new', element: <h1>Add goal page</h1> },
    ],
    { initialEntries: [path] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

export function toastMessages(): string[] {
  return useToastStore.getState().toasts.map((t) => t.message);
}
