/**
 * "Move this case to another coach" (issue 14), with the move given by the test: the coach is
 * chosen by user name, the confirm step says what happens, the move is called with the right
 * caseloads, and each outcome (moved, moved but not sent, refused, failed) is said.
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type {
  MoveCaseRequest,
  MovedCase,
} from '../../../../src/features/team-lead/move-case-action';
import type { Outcome } from '../../../../src/features/team-lead/lead-actions';
import { MoveCaseForm } from '../../../../src/features/team-lead/move-case-form';

const NOW = new Date('2026-12-07T10:00:00Z');
const A = `caseload-${'0123456789abcdef'.repeat(2)}`;
const B = `caseload-${'fedcba9876543210'.repeat(2)}`;
const C = `caseload-${'00112233445566778899aabbccddeeff'}`;
const caseloads = [
  { caseloadDatabase: A, coaches: ['coach-amber'] },
  { caseloadDatabase: B, coaches: ['coach-bilal'] },
  { caseloadDatabase: C, coaches: [] },
];
const moved = {
  youngPeople: 1,
  goals: 2,
  sessions: 3,
  ratings: 7,
  closures: 0,
  resilienceMaps: 1,
};

function renderForm(result: Outcome<MovedCase> | Error) {
  const onMove = vi.fn((_request: MoveCaseRequest, _now: Date) =>
    result instanceof Error ? Promise.reject(result) : Promise.resolve(result),
  );
  render(
    <MoveCaseForm
      youngPersonId="yp-1"
      fromCaseload={A}
      name="Mia Thornbury"
      caseloads={caseloads}
      onMove={onMove}
      now={() => NOW}
    />,
  );
  return onMove;
}

async function chooseBilal(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Move Mia Thornbury’s case…' }));
  await user.selectOptions(screen.getByLabelText('Move to'), B);
  await user.click(screen.getByRole('button', { name: 'Continue' }));
}

describe('MoveCaseForm', () => {
  it('moves the case to the chosen coach after saying what happens', async () => {
    const user = userEvent.setup();
    const onMove = renderForm({ ok: true, value: { moved, sent: true } });
    expect(screen.getByRole('region', { name: 'Move this case to another coach' })).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Move Mia Thornbury’s case…' }));
    const select = screen.getByLabelText('Move to');
    // Other coaches only, by user name; a caseload with no coach yet says so.
    expect(Array.from((select as HTMLSelectElement).options).map((o) => o.textContent)).toEqual([
      'Choose a coach',
      'coach-bilal',
      'no coach yet',
    ]);
    expect(screen.getByText('Now with coach-amber.')).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByText('Choose the coach to move the case to.')).toBeVisible();
    expect(select).toHaveAttribute('aria-invalid', 'true');
    expect(onMove).not.toHaveBeenCalled();

    await user.selectOptions(select, B);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const check = screen.getByRole('group', { name: 'Check before moving' });
    expect(check).toHaveTextContent('Move Mia Thornbury’s case from coach-amber to coach-bilal?');
    expect(check).toHaveTextContent(
      'coach-amber’s device stops showing the case after its next sync.',
    );
    expect(check).toHaveTextContent('goals, sessions, ratings, closure and resilience map');
    expect(screen.getByText(/Move Mia Thornbury’s case from/)).toHaveFocus();
    expect(onMove).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Move the case' }));
    expect(onMove).toHaveBeenCalledWith(
      { youngPersonId: 'yp-1', fromCaseload: A, toCaseload: B },
      NOW,
    );
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent(
      'Mia Thornbury’s case is now with coach-bilal (1 young person, 2 goals, 3 sessions, 7 ratings, 1 resilience map). coach-amber’s device stops showing it after its next sync.',
    );
    expect(status).toHaveFocus();
    expect(screen.queryByRole('button', { name: 'Move the case' })).toBeNull();
  });

  it('goes back without moving', async () => {
    const user = userEvent.setup();
    const onMove = renderForm({ ok: true, value: { moved, sent: true } });
    await chooseBilal(user);
    await user.click(screen.getByRole('button', { name: 'Go back' }));
    expect(screen.getByLabelText('Move to')).toHaveValue(B);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('button', { name: 'Move Mia Thornbury’s case…' })).toBeVisible();
    expect(onMove).not.toHaveBeenCalled();
  });

  it('says when the case is moved here but not yet sent', async () => {
    const user = userEvent.setup();
    renderForm({ ok: true, value: { moved, sent: false } });
    await chooseBilal(user);
    await user.click(screen.getByRole('button', { name: 'Move the case' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'but the team server could not be reached: it goes to coach-bilal when you next refresh the team.',
    );
  });

  it('shows the refusal and stays on the confirm step', async () => {
    const user = userEvent.setup();
    renderForm({ ok: false, message: 'This young person is not in that coach’s caseload.' });
    await chooseBilal(user);
    await user.click(screen.getByRole('button', { name: 'Move the case' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This young person is not in that coach’s caseload.',
    );
    expect(screen.getByRole('button', { name: 'Move the case' })).toBeEnabled();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('says so when the move fails on this device', async () => {
    const user = userEvent.setup();
    renderForm(new Error('IndexedDB is full'));
    await chooseBilal(user);
    await user.click(screen.getByRole('button', { name: 'Move the case' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The case could not be moved on this device. Refresh the team to see which coach has it, then try again.',
    );
  });

  it('says when there is no other coach to move to', async () => {
    const user = userEvent.setup();
    render(
      <MoveCaseForm
        youngPersonId="yp-1"
        fromCaseload={A}
        name="Mia Thornbury"
        caseloads={[caseloads[0]!]}
        onMove={vi.fn()}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Move Mia Thornbury’s case…' }));
    expect(
      screen.getByText('There is no other coach’s caseload to move it to. Invite a coach first.'),
    ).toBeVisible();
  });
});
