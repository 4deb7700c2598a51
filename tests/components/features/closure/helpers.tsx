import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, useParams } from 'react-router-dom';
import { getDb } from '../../../../src/db/database';
import { createGoal, setGoalStatus } from '../../../../src/db/repositories/goals';
import { logSession } from '../../../../src/db/repositories/sessions';
import { createYoungPerson } from '../../../../src/db/repositories/young-people';
import { CloseCasePage } from '../../../../src/features/closure/close-case-page';
import { toIsoDate } from '../../../../src/lib/dates';
import { useToastStore } from '../../../../src/stores/toast-store';

export async function resetAll(): Promise<void> {
  await getDb().delete();
  await getDb().open();
  useToastStore.setState({ toasts: [] });
}

export const toastMessages = () => useToastStore.getState().toasts.map((t) => t.message);

export function daysAgo(days: number): Date {
  return new Date(Date.now() - days * 24 * 3600_000);
}

export const SCHOOL = 'Go to school every day';
export const FRIENDS = 'Make a new friend at football';
export const CLUB = 'Join a club';

/** Mia with two active goals (rated in a session a week ago) and one achieved goal. */
export async function seedMia() {
  const mia = await createYoungPerson(
    { name: 'Mia', dateOfBirth: '', school: '', programme: '', referralDate: '' },
    daysAgo(40),
  );
  const goal = async (text: string, baseline: number) =>
    (
      await createGoal(
        mia.id,
        {
          text,
          domains: ['coping'],
          moves: [],
          setBy: 'young-person',
          baseline,
          baselineRatedBy: 'young-person',
        },
        daysAgo(30),
      )
    ).goal;
  const school = await goal(SCHOOL, 2);
  const friends = await goal(FRIENDS, 3);
  const club = await goal(CLUB, 1);
  await setGoalStatus(club.id, 'achieved', daysAgo(20));
  await logSession(
    mia.id,
    {
      date: toIsoDate(daysAgo(7)),
      durationMinutes: 45,
      location: 'school',
      moves: [],
      nobleTruths: [],
      notes: '',
      ratedBy: 'young-person',
      ratings: [
        { goalId: school.id, score: 5 },
        { goalId: friends.id, score: 3 },
      ],
    },
    daysAgo(7),
  );
  return { mia, school, friends, club };
}

function Stub({ name }: { name: string }) {
  const params = useParams();
  return (
    <h1>
      {name} {Object.values(params).join(' ')}
    </h1>
  );
}

/** The close-case page at its real route, with a stand-in for the young person's page. */
export function renderClosePage(youngPersonId: string) {
  const router = createMemoryRouter(
    [
      { path: '/young-people/:youngPersonId/close', element: <CloseCasePage /> },
      { path: '/young-people/:youngPersonId', element: <Stub name="Young person page" /> },
      { path: '*', element: <Stub name="Other page" /> },
    ],
    { initialEntries: [`/young-people/${youngPersonId}/close`] },
  );
  render(<RouterProvider router={router} />);
  return router;
}
