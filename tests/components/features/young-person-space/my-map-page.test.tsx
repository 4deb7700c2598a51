import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RouterProvider, createMemoryRouter, useLocation } from 'react-router-dom';
import { getMapSnapshots } from '../../../../src/db/repositories/resilience-map';
import { MyMapPage } from '../../../../src/features/young-person-space/my-map-page';
import { MySpaceHome } from '../../../../src/features/young-person-space/my-space-home';
import { MySpaceLayout } from '../../../../src/features/young-person-space/my-space-layout';
import { DAY_1, DAY_2, seedClosedCase, seedMap } from '../resilience-map/map-test-utils';
import { handOverTo, resetSpace, seedYoungPerson, toastMessages } from './space-test-utils';

function Where() {
  const location = useLocation();
  return <p>Other page {location.pathname + location.search}</p>;
}

function renderMySpace(entry: string) {
  const router = createMemoryRouter(
    [
      {
        path: '/my-space',
        element: <MySpaceLayout />,
        children: [
          { index: true, element: <MySpaceHome /> },
          { path: 'map', element: <MyMapPage /> },
        ],
      },
      { path: '*', element: <Where /> },
    ],
    { initialEntries: [entry] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

const button = (name: string) => screen.getByRole('button', { name });

describe('MyMapPage', () => {
  beforeEach(resetSpace);

  it('is reached from My space and saves the young person’s own map with an example', async () => {
    const user = userEvent.setup();
    const mia = await seedYoungPerson('Mia');
    await handOverTo(mia.id);
    const router = renderMySpace('/my-space');
    await user.click(await screen.findByRole('link', { name: 'My map' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'My resilience map' }),
    ).toBeVisible();
    expect(router.state.location.pathname).toBe('/my-space/map');

    await user.click(button('I already do this: Have a laugh'));
    expect(button('I already do this: Have a laugh')).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('group', { name: 'Have a laugh' })).toHaveTextContent(
      'You already do this',
    );
    await user.click(button('Add an example: Have a laugh'));
    await user.keyboard('Jokes with my brother');
    button("I'd like to try this: Be brave").focus();
    await user.keyboard(' ');
    await user.click(button('Save my map'));

    await waitFor(() => expect(toastMessages()).toEqual(['Your map is saved']));
    const snapshots = await getMapSnapshots(mia.id);
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]).toMatchObject({
      savedBy: 'young-person',
      tiles: { 'coping-laugh': 'strength', 'coping-brave': 'try' },
      examples: { 'coping-laugh': 'Jokes with my brother' },
    });

    const goal = await screen.findByRole('link', { name: 'Make this a goal: Be brave' });
    expect(goal).toHaveAttribute('href', '/my-space/goals/new?move=coping-brave');
    await user.click(goal);
    expect(
      await screen.findByText('Other page /my-space/goals/new?move=coping-brave'),
    ).toBeVisible();
  });

  it('shows how the map grew in plain words', async () => {
    const mia = await seedYoungPerson('Mia');
    await seedMap(mia.id, { 'coping-brave': 'try' }, DAY_1, {}, 'young-person');
    await seedMap(
      mia.id,
      {
        'coping-brave': 'strength',
        'coping-laugh': 'strength',
        'coping-calm-down': 'strength',
        'coping-tomorrow': 'strength',
        'learning-mentors': 'try',
      },
      DAY_2,
      {},
      'coach',
    );
    await handOverTo(mia.id);
    renderMySpace('/my-space/map');
    const growth = await screen.findByRole('region', { name: 'How my map has grown' });
    expect(growth).toHaveTextContent('You found 4 more things you already do in Coping.');
    expect(button('I already do this: Be brave')).toHaveAttribute('aria-pressed', 'true');
    const toTry = screen.getByRole('region', { name: "Things I'd like to try" });
    expect(
      within(toTry)
        .getAllByRole('link')
        .map((l) => l.getAttribute('aria-label')),
    ).toEqual(['Make this a goal: Engage mentors']);
    // No practitioner wording in the young person's space.
    expect(document.body).not.toHaveTextContent('Engage mentors for the young person');
  });

  it('does not let a closed case’s map be changed', async () => {
    const mia = await seedYoungPerson('Mia');
    await seedClosedCase(mia.id);
    await handOverTo(mia.id);
    renderMySpace('/my-space/map');
    expect(await screen.findByText(/You cannot change your map just now/)).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Save my map' })).toBeNull();
  });
});
