import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { RouterProvider, createMemoryRouter, useParams } from 'react-router-dom';
import { getDb } from '../../../../src/db/database';
import { closeCase } from '../../../../src/db/repositories/closure';
import { createGoal } from '../../../../src/db/repositories/goals';
import { saveResilienceMap } from '../../../../src/db/repositories/resilience-map';
import { logSession } from '../../../../src/db/repositories/sessions';
import { createYoungPerson } from '../../../../src/db/repositories/young-people';
import { useToastStore } from '../../../../src/stores/toast-store';
export { blobText, captureDownloads, type Download } from '../../downloads';

/** A fresh database and no toasts, before each test. */
export async function resetApp() {
  await getDb().delete();
  await getDb().open();
  useToastStore.setState({ toasts: [] });
}

export const toastMessages = () => useToastStore.getState().toasts.map((t) => t.message);

const at = (day: string) => new Date(`${day}T15:00:00Z`);

/**
 * Kai Brown on Back on Track, referred 2 Jan 2026. Two goals set on 10 Jan (baselines 2 and
 * 6), sessions on 20 Jan and 10 Feb; with `close`, closed on 1 Mar 2026 with closing
 * scores 8 (reached) and 4 (not yet), given by the coach. With `map`, a resilience map saved
 * on 20 Jan (calming down a strength, with an example).
 */
export async function seedCase({
  close = true,
  map = false,
}: { close?: boolean; map?: boolean } = {}) {
  const yp = await createYoungPerson(
    {
      name: 'Kai Brown',
      dateOfBirth: '2013-04-01',
      school: 'Hillside',
      programme: 'Back on Track',
      referralDate: '2026-01-02',
    },
    at('2026-01-02'),
  );
  const { goal: calm } = await createGoal(
    yp.id,
    {
      text: 'Feel calm before tests',
      domains: ['coping', 'core-self'],
      moves: ['coping-calm-down'],
      setBy: 'young-person',
      baseline: 2,
      baselineRatedBy: 'young-person',
    },
    at('2026-01-10'),
  );
  const { goal: friends } = await createGoal(
    yp.id,
    {
      text: 'See my friends at the weekend',
      domains: ['belonging'],
      moves: [],
      setBy: 'together',
      baseline: 6,
      baselineRatedBy: 'young-person',
    },
    new Date('2026-01-10T15:01:00Z'),
  );
  const session = (date: string, scores: [number, number], moves: string[]) =>
    logSession(
      yp.id,
      {
        date,
        durationMinutes: 45,
        location: 'school',
        moves,
        nobleTruths: ['accepting'],
        notes: 'Private coach note: not for the young person.',
        ratedBy: 'young-person',
        ratings: [
          { goalId: calm.id, score: scores[0] },
          { goalId: friends.id, score: scores[1] },
        ],
      },
      at(date),
    );
  await session('2026-01-20', [5, 6], ['core-self-know-yourself', 'coping-calm-down']);
  await session('2026-02-10', [6, 5], ['core-self-know-yourself']);
  if (map) {
    await saveResilienceMap(
      yp.id,
      {
        savedBy: 'coach',
        tiles: { 'coping-calm-down': 'strength' },
        examples: { 'coping-calm-down': 'Breathing before tests' },
      },
      at('2026-01-20'),
    );
  }
  if (close) {
    await closeCase(
      yp.id,
      {
        closedOn: '2026-03-01',
        reason: 'support-completed',
        reasonDetail: null,
        closingRatings: [
          { goalId: calm.id, score: 8 },
          { goalId: friends.id, score: 4 },
        ],
        closingRatedBy: 'coach',
        goalOutcomes: { [calm.id]: 'reached', [friends.id]: 'not-yet' },
        youngPersonSatisfaction: 9,
        parentCarerSatisfaction: 10,
        youngPersonComments: 'It really helped',
        parentCarerComments: 'Kai is calmer at home',
      },
      at('2026-03-01'),
    );
  }
  return { yp, calm, friends };
}

function Stub({ name }: { name: string }) {
  const params = useParams();
  return (
    <p>
      {name} {Object.values(params).join(' ')}
    </p>
  );
}

/** Renders a page at its real route, with a stand-in for the young person page. */
export function renderRoute(path: string, entry: string, element: ReactElement) {
  const router = createMemoryRouter(
    [
      { path, element },
      { path: '/young-people/:youngPersonId', element: <Stub name="Young person page" /> },
      { path: '*', element: <Stub name="Other page" /> },
    ],
    { initialEntries: [entry] },
  );
  render(<RouterProvider router={router} />);
  return router;
}
