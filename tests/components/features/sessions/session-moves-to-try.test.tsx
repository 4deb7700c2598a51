import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { getSessionWithRatings, getYoungPersonDetail } from '../../../../src/db/queries';
import { saveResilienceMap } from '../../../../src/db/repositories/resilience-map';
import { daysAgo, renderAt, resetAll, seedGoal, seedSession, seedYoungPerson } from './helpers';

const GOAL = 'Feel calmer before tests';
const PICKER = 'Resilient moves made in the session';

/** Mia's goal links "Calming down"; her first map wanted "Having a laugh", her latest two others. */
async function seedMiaWithMaps() {
  const mia = await seedYoungPerson('Mia');
  const goal = await seedGoal(mia.id, GOAL, 2, {
    domains: ['coping'],
    moves: ['coping-calm-down', 'coping-brave'],
  });
  await saveResilienceMap(
    mia.id,
    { tiles: { 'coping-laugh': 'try' }, examples: {}, savedBy: 'coach' },
    daysAgo(10),
  );
  await saveResilienceMap(
    mia.id,
    {
      tiles: {
        'coping-laugh': 'strength',
        'coping-brave': 'try',
        'belonging-make-friends': 'try',
        'basics-sleep': 'strength',
      },
      examples: {},
      savedBy: 'young-person',
    },
    daysAgo(3),
  );
  return { mia, goal };
}

const suggestedNames = () =>
  within(screen.getByRole('group', { name: 'Suggested' }))
    .getAllByRole('checkbox')
    .map((box) => box.getAttribute('value'));

describe('the moves to try in the session form', () => {
  beforeEach(resetAll);

  it('offers the latest map’s moves to try first, then the goals’ moves, and saves a chosen one', async () => {
    const user = userEvent.setup();
    const { mia } = await seedMiaWithMaps();
    const router = renderAt(`/young-people/${mia.id}/sessions/new`);
    await screen.findByRole('heading', { level: 1, name: 'Log a session with Mia' });

    const picker = screen.getByRole('group', { name: PICKER });
    expect(picker).toHaveAccessibleDescription(
      "Optional. The moves they'd like to try (from their resilience map) come first, then moves linked to the goals.",
    );
    // Framework order within the map's moves; a goal's move that is also to try shows once;
    // the first map's "Having a laugh" (now a strength) is not offered.
    expect(suggestedNames()).toEqual([
      'belonging-make-friends',
      'coping-brave',
      'coping-calm-down',
    ]);

    await user.click(
      within(screen.getByRole('group', { name: 'Suggested' })).getByRole('checkbox', {
        name: /^Make friends and mix with other young people/,
      }),
    );
    await user.click(screen.getByRole('radio', { name: 'School' }));
    await user.click(
      within(screen.getByRole('group', { name: `“${GOAL}”` })).getByRole('radio', { name: /^4\b/ }),
    );
    await user.click(screen.getByRole('button', { name: 'Save session' }));

    await waitFor(() => expect(router.state.location.pathname).toBe(`/young-people/${mia.id}`));
    const detail = await getYoungPersonDetail(mia.id);
    expect(detail?.sessions.map((s) => s.moves)).toEqual([['belonging-make-friends']]);
  });

  it('offers only the goals’ moves when there is no map', async () => {
    const mia = await seedYoungPerson('Mia');
    await seedGoal(mia.id, GOAL, 2, { domains: ['coping'], moves: ['coping-calm-down'] });
    renderAt(`/young-people/${mia.id}/sessions/new`);
    await screen.findByRole('heading', { level: 1, name: 'Log a session with Mia' });
    expect(screen.getByRole('group', { name: PICKER })).toHaveAccessibleDescription(
      'Optional. Moves linked to the goals are suggested first.',
    );
    expect(suggestedNames()).toEqual(['coping-calm-down']);
  });

  it('offers the moves to try first when editing a session too', async () => {
    const user = userEvent.setup();
    const { mia, goal } = await seedMiaWithMaps();
    const session = await seedSession(mia.id, [{ goalId: goal.id, score: 3 }]);
    renderAt(`/young-people/${mia.id}/sessions/${session.id}`);
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    expect(suggestedNames()).toEqual([
      'belonging-make-friends',
      'coping-brave',
      'coping-calm-down',
    ]);
    await user.click(
      within(screen.getByRole('group', { name: 'Suggested' })).getByRole('checkbox', {
        name: /^Being brave/,
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(async () =>
      expect((await getSessionWithRatings(session.id))?.session.moves).toEqual(['coping-brave']),
    );
  });
});
