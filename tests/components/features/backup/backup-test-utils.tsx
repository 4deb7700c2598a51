import { render, screen } from '@testing-library/react';
import { RouterProvider, createMemoryRouter } from 'react-router-dom';
import { getDb } from '../../../../src/db/database';
import { createGoal } from '../../../../src/db/repositories/goals';
import { createYoungPerson } from '../../../../src/db/repositories/young-people';
import { BackupPage } from '../../../../src/features/backup/backup-page';
import { useToastStore } from '../../../../src/stores/toast-store';

export const DAY_ONE = new Date('2026-01-10T10:00:00Z');

/** A fresh database and no toasts, before each test. */
export async function resetApp() {
  await getDb().delete();
  await getDb().open();
  useToastStore.setState({ toasts: [] });
}

export const toastMessages = () => useToastStore.getState().toasts.map((t) => t.message);

export function seedYoungPerson(name: string, now: Date = DAY_ONE) {
  return createYoungPerson(
    { name, dateOfBirth: '', school: '', programme: '', referralDate: '' },
    now,
  );
}

/** A young person with one goal rated 2 at its baseline. */
export async function seedCase(name: string, now: Date = DAY_ONE) {
  const youngPerson = await seedYoungPerson(name, now);
  const { goal } = await createGoal(
    youngPerson.id,
    {
      text: 'To make friends at high school',
      domains: ['belonging'],
      moves: [],
      setBy: 'young-person',
      baseline: 2,
      baselineRatedBy: 'young-person',
    },
    now,
  );
  return { youngPerson, goal };
}

/** Every young person's name on the device, sorted. */
export async function namesOnDevice(): Promise<string[]> {
  const people = await getDb().youngPeople.toArray();
  return people.map((p) => p.name).sort();
}

/** Renders the backup page at /backup, with a stand-in for the pages it links to. */
export async function renderBackupPage() {
  const router = createMemoryRouter(
    [
      { path: '/backup', element: <BackupPage /> },
      { path: '*', element: <p>Other page</p> },
    ],
    { initialEntries: ['/backup'] },
  );
  render(<RouterProvider router={router} />);
  await screen.findByRole('heading', { level: 1, name: 'Backup and restore' });
  return router;
}

export function jsonFile(text: string, name = 'backup.json') {
  return new File([text], name, { type: 'application/json' });
}
