import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Closure, Goal } from '../../../../src/domain/schemas';
import { ClosureDetails } from '../../../../src/features/closure/closure-details';

const stamp = '2026-11-20T10:00:00.000Z';

const goal = (id: string, text: string): Goal => ({
  id,
  youngPersonId: 'yp',
  text,
  domains: ['coping'],
  moves: [],
  setBy: 'young-person',
  status: 'active',
  createdAt: stamp,
  updatedAt: stamp,
});

const closure: Closure = {
  id: 'c1',
  youngPersonId: 'yp',
  closedOn: '2026-11-20',
  reason: 'other',
  reasonDetail: 'Started college',
  goalOutcomes: { g1: 'reached', g2: 'not-yet', gone: 'stopped' },
  youngPersonSatisfaction: 9,
  parentCarerSatisfaction: null,
  youngPersonComments: 'I liked the walks.',
  parentCarerComments: null,
  reopenedOn: '2026-11-22',
  reopenReason: 'Asked for more help',
  createdAt: stamp,
  updatedAt: stamp,
};

/** The facts as label: value pairs, read from the description list. */
function facts() {
  const terms = screen.getAllByRole('term');
  return Object.fromEntries(
    terms.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
  );
}

describe('ClosureDetails', () => {
  it('shows when and why, satisfaction, comments, reopening and each goal’s outcome', () => {
    render(
      <ClosureDetails
        closure={closure}
        goals={[goal('g1', 'Go to school'), goal('g2', 'Make a friend')]}
      />,
    );
    expect(facts()).toEqual({
      'Closed on': '20 Nov 2026',
      Reason: 'Other: Started college',
      'Young person’s satisfaction': '9 out of 10',
      'Parent or carer’s satisfaction': 'Not given',
      'Young person’s comments': 'I liked the walks.',
      'Reopened on': '22 Nov 2026: Asked for more help',
    });
    const outcomes = screen.getByRole('list');
    expect(
      within(outcomes)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '“Go to school”: Reached',
      '“Make a friend”: Not yet',
      '“A goal since removed”: Stopped',
    ]);
  });

  it('leaves out what was not recorded', () => {
    render(
      <ClosureDetails
        closure={{
          ...closure,
          reason: 'moved-away',
          reasonDetail: null,
          goalOutcomes: {},
          youngPersonComments: null,
          reopenedOn: null,
          reopenReason: null,
        }}
        goals={[]}
      />,
    );
    expect(facts()).toEqual({
      'Closed on': '20 Nov 2026',
      Reason: 'Moved away',
      'Young person’s satisfaction': '9 out of 10',
      'Parent or carer’s satisfaction': 'Not given',
    });
    expect(screen.queryByRole('heading', { name: 'Goal outcomes' })).toBeNull();
  });
});
