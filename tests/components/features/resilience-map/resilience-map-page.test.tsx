import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getMapSnapshots } from '../../../../src/db/repositories/resilience-map';
import { ResilienceMapPage } from '../../../../src/features/resilience-map/resilience-map-page';
import {
  DAY_1,
  DAY_2,
  renderRoute,
  resetMaps,
  seedClosedCase,
  seedMap,
  seedYoungPerson,
  toastMessages,
} from './map-test-utils';

const PATH = '/young-people/:youngPersonId/map';

async function renderMap(id: string) {
  const router = renderRoute(PATH, `/young-people/${id}/map`, <ResilienceMapPage />);
  await screen.findByRole('heading', { level: 1, name: 'Resilience map' });
  return router;
}

const button = (name: string) => screen.getByRole('button', { name });

describe('ResilienceMapPage', () => {
  beforeEach(resetMaps);

  it('marks tiles by pointer and keyboard, adds an example and saves a snapshot', async () => {
    const user = userEvent.setup();
    const mia = await seedYoungPerson();
    await renderMap(mia.id);
    expect(screen.getByText("Mia's map has not been saved yet.")).toBeVisible();
    expect(screen.getByRole('link', { name: 'Print map' })).toHaveAttribute(
      'href',
      `/young-people/${mia.id}/map/print`,
    );

    await user.click(button('I already do this: Exercise and fresh air'));
    await user.click(button('Add an example: Exercise and fresh air'));
    await user.type(
      screen.getByRole('textbox', { name: 'An example, in their words: Exercise and fresh air' }),
      'I walk the dog every day',
    );
    button("I'd like to try this: Being brave").focus();
    await user.keyboard('{Enter}');
    expect(button("I'd like to try this: Being brave")).toHaveAttribute('aria-pressed', 'true');
    expect(button('I already do this: Being brave')).toHaveAttribute('aria-pressed', 'false');

    await user.click(button('Save map'));
    await waitFor(() => expect(toastMessages()).toEqual(['Map saved']));
    const [saved, ...others] = await getMapSnapshots(mia.id);
    expect(others).toEqual([]);
    expect(saved).toMatchObject({
      savedBy: 'coach',
      tiles: { 'basics-exercise': 'strength', 'coping-brave': 'try' },
      examples: { 'basics-exercise': 'I walk the dog every day' },
    });

    // The saved "to try" move can become a goal, linked to that move.
    const toTry = await screen.findByRole('link', { name: 'Make this a goal: Being brave' });
    expect(toTry).toHaveAttribute('href', `/young-people/${mia.id}/goals/new?move=coping-brave`);
    expect(screen.getByText(/Saved once, last on/)).toBeVisible();
    // The map on screen still shows what was saved.
    expect(button('I already do this: Exercise and fresh air')).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('starts from the latest snapshot, shows the growth and keeps every save', async () => {
    const user = userEvent.setup();
    const mia = await seedYoungPerson();
    await seedMap(mia.id, { 'coping-brave': 'strength', 'coping-laugh': 'try' }, DAY_1);
    await seedMap(
      mia.id,
      {
        'coping-brave': 'strength',
        'coping-laugh': 'strength',
        'coping-calm-down': 'strength',
        'basics-sleep': 'try',
      },
      DAY_2,
      { 'coping-laugh': 'Jokes with my brother' },
    );
    await renderMap(mia.id);
    expect(button('I already do this: Have a laugh')).toHaveAttribute('aria-pressed', 'true');
    expect(button("I'd like to try this: Enough sleep")).toHaveAttribute('aria-pressed', 'true');
    expect(
      screen.getByRole('textbox', { name: 'An example, in their words: Have a laugh' }),
    ).toHaveValue('Jokes with my brother');
    expect(screen.getByRole('region', { name: 'Coping' })).toHaveTextContent('3 already, 0 to try');

    const growth = screen.getByRole('region', { name: 'How the map has grown' });
    expect(growth).toHaveTextContent('2 more strengths in Coping since the first map.');
    expect(
      within(growth).getByRole('img', { name: /Coping: 1 at the first map, 3 now/ }),
    ).toBeVisible();
    const table = within(growth).getByRole('table', { name: /Strengths per domain/ });
    const coping = within(table).getByRole('row', { name: /Coping/ });
    expect(
      within(coping)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['1', '3', '+2']);
    const toTry = screen.getByRole('region', { name: 'Moves to try' });
    expect(
      within(toTry)
        .getAllByRole('link')
        .map((l) => l.getAttribute('aria-label')),
    ).toEqual(['Make this a goal: Enough sleep']);

    await user.click(button('I already do this: Solving problems'));
    await user.click(button('Save map'));
    await waitFor(async () => expect(await getMapSnapshots(mia.id)).toHaveLength(3));
    expect(
      await screen.findByText('3 more strengths in Coping since the first map.'),
    ).toBeVisible();
  });

  it('does not offer to change a closed case’s map', async () => {
    const mia = await seedYoungPerson();
    await seedMap(mia.id, { 'coping-brave': 'strength' }, DAY_1);
    await seedClosedCase(mia.id);
    await renderMap(mia.id);
    expect(screen.getByText(/This case is closed/)).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Save map' })).toBeNull();
  });

  it('says when the young person is not there', async () => {
    renderRoute(PATH, '/young-people/nobody/map', <ResilienceMapPage />);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Young person not found' }),
    ).toBeVisible();
  });
});
