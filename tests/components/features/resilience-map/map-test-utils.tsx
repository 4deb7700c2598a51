import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { RouterProvider, createMemoryRouter, useLocation } from 'react-router-dom';
import { getDb } from '../../../../src/db/database';
import { closeCase } from '../../../../src/db/repositories/closure';
import { saveResilienceMap } from '../../../../src/db/repositories/resilience-map';
import { createYoungPerson } from '../../../../src/db/repositories/young-people';
import type { MapSavedBy, MapTiles } from '../../../../src/domain/schemas';
import { useToastStore } from '../../../../src/stores/toast-store';

export const DAY_1 = new Date('2026-01-10T10:00:00Z');
export const DAY_2 = new Date('2026-02-14T10:00:00Z');

/** A fresh database and no toasts, before each test. */
export async function resetMaps() {
  await getDb().delete();
  await getDb().open();
  useToastStore.setState({ toasts: [] });
}

export const toastMessages = () => useToastStore.getState().toasts.map((t) => t.message);

export function seedYoungPerson(name = 'Mia') {
  return createYoungPerson(
    { name, dateOfBirth: '', school: '', programme: '', referralDate: '' },
    DAY_1,
  );
}

export function seedMap(
  youngPersonId: string,
  tiles: MapTiles,
  now: Date,
  examples: Record<string, string> = {},
  savedBy: MapSavedBy = 'coach',
) {
  return saveResilienceMap(youngPersonId, { tiles, examples, savedBy }, now);
}

export function seedClosedCase(youngPersonId: string) {
  return closeCase(
    youngPersonId,
    {
      closedOn: '2026-02-01',
      reason: 'support-completed',
      closingRatings: [],
      closingRatedBy: '',
      goalOutcomes: {},
    },
    new Date('2026-02-01T12:00:00Z'),
  );
}

function Where() {
  const location = useLocation();
  return <p>Other page {location.pathname + location.search}</p>;
}

/** Renders one page at its route, with every other address showing where it went. */
export function renderRoute(path: string, entry: string, element: ReactElement) {
  const router = createMemoryRouter(
    [
      { path, element },
      { path: '*', element: <Where /> },
    ],
    { initialEntries: [entry] },
  );
  render(<RouterProvider router={router} />);
  return router;
}
