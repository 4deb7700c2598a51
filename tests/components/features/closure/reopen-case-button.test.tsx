import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../../src/db/database';
import { useYoungPersonDetail } from '../../../../src/db/hooks/core';
import { closeCase, getClosures } from '../../../../src/db/repositories/closure';
import { ReopenCaseButton } from '../../../../src/features/closure/reopen-case-button';
import { toIsoDate } from '../../../../src/lib/dates';
import { resetAll, seedMia, toastMessages } from './helpers';

/** The button as a page shows it: fed by the live young person record. */
function Harness({ id }: { id: string }) {
  const detail = useYoungPersonDetail(id);
  if (!detail) return <p>Loading…</p>;
  return (
    <>
      <p>Case is {detail.youngPerson.status}</p>
      <ReopenCaseButton youngPerson={detail.youngPerson} />
    </>
  );
}

async function seedClosedMia() {
  const seeded = await seedMia();
  const { school, friends } = seeded;
  await closeCase(seeded.mia.id, {
    closedOn: toIsoDate(new Date()),
    reason: 'support-completed',
    closingRatings: [
      { goalId: school.id, score: 8 },
      { goalId: friends.id, score: 6 },
    ],
    closingRatedBy: 'young-person',
    goalOutcomes: { [school.id]: 'reached', [friends.id]: 'partly' },
  });
  return seeded;
}

describe('ReopenCaseButton', () => {
  beforeEach(resetAll);

  it('shows nothing for an open case', async () => {
    const { mia } = await seedMia();
    render(<Harness id={mia.id} />);
    expect(await screen.findByText('Case is open')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Reopen case' })).toBeNull();
  });

  it('asks why, needs an answer, then reopens the case and records why', async () => {
    const { mia } = await seedClosedMia();
    const user = userEvent.setup();
    render(<Harness id={mia.id} />);
    await screen.findByText('Case is closed');

    await user.click(screen.getByRole('button', { name: 'Reopen case' }));
    const dialog = screen.getByRole('dialog', { name: 'Reopen Mia’s case?' });
    const reason = within(dialog).getByLabelText('Why is the case being reopened?');
    expect(reason).toHaveFocus();

    await user.click(within(dialog).getByRole('button', { name: 'Reopen case' }));
    await waitFor(() =>
      expect(reason).toHaveAccessibleDescription(/Say why the case is being reopened\./),
    );
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'Why: Say why the case is being reopened.',
    );
    expect((await getDb().youngPeople.get(mia.id))?.status).toBe('closed');

    await user.type(reason, 'Things got hard at school again');
    await user.click(within(dialog).getByRole('button', { name: 'Reopen case' }));

    expect(await screen.findByText('Case is open')).toBeVisible();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(toastMessages()).toEqual(['Case reopened']);
    expect(await getDb().youngPeople.get(mia.id)).toMatchObject({
      status: 'open',
      closedOn: null,
      closureReason: null,
    });
    expect(await getClosures(mia.id)).toEqual([
      expect.objectContaining({
        reopenedOn: toIsoDate(new Date()),
        reopenReason: 'Things got hard at school again',
      }),
    ]);
  });

  it('changes nothing when cancelled, and gives focus back to the button', async () => {
    const { mia } = await seedClosedMia();
    const user = userEvent.setup();
    render(<Harness id={mia.id} />);
    await screen.findByText('Case is closed');

    const button = screen.getByRole('button', { name: 'Reopen case' });
    await user.click(button);
    await user.type(screen.getByLabelText('Why is the case being reopened?'), 'Oops');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));

    expect(screen.queryByRole('dialog')).toBeNull();
    expect(button).toHaveFocus();
    expect((await getDb().youngPeople.get(mia.id))?.status).toBe('closed');
    expect((await getClosures(mia.id))[0]?.reopenedOn).toBeNull();
    expect(toastMessages()).toEqual([]);
  });
});
