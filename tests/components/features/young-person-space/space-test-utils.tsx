import { render } from '@testing-library/react';
import { RouterProvider, createMemoryRouter, useParams } from 'react-router-dom';
import { getDb } from '../../../../src/db/database';
import { createGoal } from '../../../../src/db/repositories/goals';
import { rateGoal } from '../../../../src/db/repositories/ratings';
import { logSession } from '../../../../src/db/repositories/sessions';
import { createYoungPerson } from '../../../../src/db/repositories/young-people';
import type { GoalInput, Rater } from '../../../../src/domain/schemas';
import { MyAddGoalPage } from '../../../../src/features/young-person-space/my-add-goal-page';
import { MyJourneyPage } from '../../../../src/features/young-person-space/my-journey-page';
import { MyRatePage } from '../../../../src/features/young-person-space/my-rate-page';
import { MySpaceHome } from '../../../../src/features/young-person-space/my-space-home';
import { MySpaceLayout } from '../../../../src/features/young-person-space/my-space-layout';
import { useToastStore } from '../../../../src/stores/toast-store';

export const DAY_1 = new Date('2026-01-10T10:00:00Z');
export const DAY_2 = new Date('2026-02-14T10:00:00Z');
export const DAY_3 = new Date('2026-03-21T10:00:00Z');

/** A fresh database and no toasts, before each test. */
export async function resetSpace() {
  await getDb().delete();
  await getDb().open();
  useToastStore.setState({ toasts: [] });
}

export const toastMessages = () => useToastStore.getState().toasts.map((t) => t.message);

export function seedYoungPerson(name: string) {
  return createYoungPerson(
    { name, dateOfBirth: '', school: '', programme: '', referralDate: '' },
    DAY_1,
  );
}

export async function seedGoal(youngPersonId: string, overrides: Partial<GoalInput> = {}) {
  const { goal } = await createGoal(
    youngPersonId,
    {
      text: 'To make friends at high school',
      domains: ['belonging'],
      moves: [],
      setBy: 'young-person',
      baseline: 2,
      baselineRatedBy: 'young-person',
      ...overrides,
    },
    DAY_1,
  );
  return goal;
}

export function seedRating(goalId: string, score: number, ratedBy: Rater, now: Date) {
  return rateGoal(goalId, { score, ratedBy }, now);
}

/** A session the coach logged, with private notes and the coach's own scores. */
export function seedCoachSession(youngPersonId: string, ratings: [string, number][]) {
  return logSession(
    youngPersonId,
    {
      date: '2026-02-01',
      durationMinutes: 45,
      location: 'school',
      moves: [],
      nobleTruths: [],
      notes: 'Private coach note about home',
      ratedBy: 'coach',
      ratings: ratings.map(([goalId, score]) => ({ goalId, score })),
    },
    new Date('2026-02-01T15:00:00Z'),
  );
}

/** Hands the device over, as startHandover would, by writing the settings row. */
export async function handOverTo(youngPersonId: string) {
  await getDb().settings.put({
    key: 'handover',
    value: { youngPersonId, startedAt: DAY_1.toISOString() },
  });
}

function Stub({ name }: { name: string }) {
  const params = useParams();
  return (
    <p>
      {name} {Object.values(params).join(' ')}
    </p>
  );
}

/** Renders the space's routes as the app does, under /my-space with its layout. */
export function renderSpace(entry: string) {
  const router = createMemoryRouter(
    [
      {
        path: '/my-space',
        element: <MySpaceLayout />,
        children: [
          { index: true, element: <MySpaceHome /> },
          { path: 'goals/new', element: <MyAddGoalPage /> },
          { path: 'rate', element: <MyRatePage /> },
          { path: 'journey', element: <MyJourneyPage /> },
        ],
      },
      { path: '/young-people/:youngPersonId', element: <Stub name="Young person page" /> },
      { path: '*', element: <Stub name="Other page" /> },
    ],
    { initialEntries: [entry] },
  );
  render(<RouterProvider router={router} />);
  return router;
}
