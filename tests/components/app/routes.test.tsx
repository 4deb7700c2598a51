import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  PRELOAD_TIMEOUT,
  findPageHeading,
  preloadPages,
  renderApp,
  resetApp,
  seedGoal,
  seedSession,
  seedYoungPerson,
} from './render-app';

async function preloadRoutePages() {
  await Promise.all([
    preloadPages(),
    import('../../../src/features/framework/framework-page'),
    import('../../../src/features/sessions/log-session-page'),
    import('../../../src/app/layout/not-found'),
  ]);
}

describe('App routes', () => {
  beforeAll(preloadRoutePages, PRELOAD_TIMEOUT);
  beforeEach(resetApp);

  it('shows the caseload at /, inside the layout', async () => {
    renderApp('/');

    expect(await findPageHeading('Caseload')).toBeVisible();
    await waitFor(() => expect(document.title).toBe('Caseload - Resilience Coaching'));
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Caseload' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(screen.getByRole('main')).toContainElement(screen.getByRole('heading', { level: 1 }));
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toHaveAttribute(
      'href',
      '#main',
    );
  });

  it('shows the framework page at /framework, and the navigation gets there', async () => {
    const user = userEvent.setup();
    const router = renderApp('/');
    await findPageHeading('Caseload');

    await user.click(
      within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', {
        name: 'Framework',
      }),
    );

    expect(await findPageHeading('The Resilience Framework')).toBeVisible();
    expect(router.state.location.pathname).toBe('/framework');
    expect(screen.getByRole('link', { name: 'Framework' })).toHaveAttribute('aria-current', 'page');
  });

  it('shows the framework page when opened directly', async () => {
    renderApp('/framework');
    expect(await findPageHeading('The Resilience Framework')).toBeVisible();
  });

  it('says "Page not found" for an unknown path, with a way back', async () => {
    renderApp('/no/such/page');

    expect(await findPageHeading('Page not found')).toBeVisible();
    expect(screen.getByText('There is no page at this address.')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Go to the caseload' })).toHaveAttribute('href', '/');
  });

  it('goes from a young person page to the log session form', async () => {
    const user = userEvent.setup();
    const mia = await seedYoungPerson('Mia');
    const goal = await seedGoal(mia.id);
    await seedSession(mia.id, '2026-09-15', [[goal.id, 4]]);
    const router = renderApp(`/young-people/${mia.id}`);
    await findPageHeading('Mia');

    await user.click(screen.getByRole('link', { name: 'Log session' }));

    const heading = await findPageHeading('Log a session with Mia');
    expect(router.state.location.pathname).toBe(`/young-people/${mia.id}/sessions/new`);
    expect(screen.getByRole('button', { name: 'Save session' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'Back to Mia' })).toHaveAttribute(
      'href',
      `/young-people/${mia.id}`,
    );
    expect(heading).toBeVisible();
  });

  it('goes from the caseload to a young person page and back', async () => {
    const user = userEvent.setup();
    const mia = await seedYoungPerson('Mia');
    const router = renderApp('/');

    await user.click(await screen.findByRole('link', { name: 'Mia' }));
    await findPageHeading('Mia');
    expect(router.state.location.pathname).toBe(`/young-people/${mia.id}`);

    await user.click(screen.getByRole('link', { name: 'Back to caseload' }));
    expect(await findPageHeading('Caseload')).toBeVisible();
  });

  describe('focus after a navigation', () => {
    /** Runs animation-frame callbacks at once: the frame comes before any data has loaded. */
    function frameAtOnce() {
      vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => {
        callback(performance.now());
        return 0;
      });
    }

    it('moves focus to the heading of a page that shows it straight away', async () => {
      const user = userEvent.setup();
      renderApp('/');
      await findPageHeading('Caseload');
      frameAtOnce();

      await user.click(screen.getByRole('link', { name: 'Framework' }));

      const heading = await findPageHeading('The Resilience Framework');
      await waitFor(() => expect(heading).toHaveFocus());
    });

    // Pages that read the database show "Loading…" first and their h1 a moment later.
    it('moves focus to the heading of a page whose data loads after the first frame', async () => {
      const user = userEvent.setup();
      await seedYoungPerson('Mia');
      renderApp('/');
      await screen.findByRole('link', { name: 'Mia' });
      frameAtOnce();

      await user.click(screen.getByRole('link', { name: 'Mia' }));

      const heading = await findPageHeading('Mia');
      await waitFor(() => expect(heading).toHaveFocus());
    });
  });
});
