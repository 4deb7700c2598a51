import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { MissingMessage } from '../../../src/components/ui/missing-message';
import { PageHeader } from '../../../src/components/ui/page-header';
import { getDb } from '../../../src/db/database';
import { saveResilienceMap } from '../../../src/db/repositories/resilience-map';
import {
  PRELOAD_TIMEOUT,
  preloadPages,
  renderApp,
  resetApp,
  seedGoal,
  seedSession,
  seedYoungPerson,
} from './render-app';

/**
 * Browsers keep every page's title, unencrypted, in their history (and a printed page's
 * title becomes the PDF's file name and header): the tab's title must never hold a young
 * person's name or any other record text, on any page.
 */

const NAME = 'Zephyrine Quillfeather';
const GOAL = 'Feed the tortoise called Marmaduke';
const SCHOOL = 'Wobbleton Academy';
const APP = ' - Resilience Coaching';

async function preloadTitlePages() {
  await Promise.all([
    preloadPages(),
    import('../../../src/features/closure/close-case-page'),
    import('../../../src/features/resilience-map/resilience-map-page'),
    import('../../../src/features/resilience-map/resilience-map-print-page'),
    import('../../../src/app/routes/summary-routes'),
    import('../../../src/features/goals/add-goal-page'),
    import('../../../src/app/routes/goal-route'),
    import('../../../src/features/sessions/log-session-page'),
    import('../../../src/features/sessions/session-page'),
    import('../../../src/app/routes/settings-route'),
    import('../../../src/features/young-person-space/my-space-layout'),
    import('../../../src/features/young-person-space/my-space-home'),
    import('../../../src/features/young-person-space/my-add-goal-page'),
    import('../../../src/features/young-person-space/my-rate-page'),
    import('../../../src/features/young-person-space/my-map-page'),
    import('../../../src/features/young-person-space/my-journey-page'),
  ]);
}

async function seedCase() {
  const yp = await seedYoungPerson(NAME, { school: SCHOOL, programme: 'Moving on Up' });
  const goal = await seedGoal(yp.id, { text: GOAL });
  const session = await seedSession(yp.id, '2026-09-15', [[goal.id, 4]]);
  await saveResilienceMap(yp.id, {
    savedBy: 'coach',
    tiles: { 'belonging-make-friends': 'strength' },
    examples: { 'belonging-make-friends': `${NAME} plays chess with Marmaduke` },
  });
  return { yp, goal, session };
}

/** Renders `path`, waits for its h1 and tab title, and checks the title holds no record text. */
async function expectTitle(path: string, heading: string | RegExp, title: string) {
  renderApp(path);
  await screen.findByRole('heading', { level: 1, name: heading });
  await waitFor(() => expect(document.title).toBe(`${title}${APP}`));
  for (const secret of [NAME, 'Zephyrine', 'Quillfeather', GOAL, 'Marmaduke', SCHOOL]) {
    expect(document.title).not.toContain(secret);
  }
}

describe('The browser tab title never names a young person', () => {
  beforeAll(preloadTitlePages, PRELOAD_TIMEOUT);
  beforeEach(async () => {
    await resetApp();
    document.title = 'Before';
  });

  it("on every coach's page about the young person, print pages included", async () => {
    const { yp, goal, session } = await seedCase();
    const base = `/young-people/${yp.id}`;
    const pages: [path: string, heading: string | RegExp, title: string][] = [
      [base, NAME, 'Young person'],
      [`${base}/edit`, `Edit ${NAME}'s details`, "Edit a young person's details"],
      [`${base}/close`, `Close ${NAME}’s case`, 'Close a case'],
      [`${base}/map`, 'Resilience map', 'Resilience map'],
      [`${base}/map/print`, `${NAME}'s resilience map`, 'Resilience map'],
      [`${base}/summary`, `Goal summary: ${NAME}`, 'Goal summary'],
      [`${base}/summary/young-person`, 'My resilience journey', 'My resilience journey'],
      [`${base}/goals/new`, 'Add a goal', 'Add a goal'],
      [`${base}/goals/new?replaces=${goal.id}`, 'Change a goal', 'Change a goal'],
      [`${base}/goals/${goal.id}`, `${NAME}'s goal`, "A young person's goal"],
      [`${base}/sessions/new`, `Log a session with ${NAME}`, 'Log a session'],
      [`${base}/sessions/${session.id}`, /^Session on /, 'A session'],
      [`/settings?handover=${yp.id}`, 'Settings', 'Settings'],
      ['/', 'Caseload', 'Caseload'],
    ];
    for (const [path, heading, title] of pages) {
      await expectTitle(path, heading, title);
      cleanup();
      document.title = 'Before';
    }
  }, 60_000);

  it("in the young person's own space", async () => {
    const { yp } = await seedCase();
    await getDb().settings.put({
      key: 'handover',
      value: { youngPersonId: yp.id, startedAt: new Date().toISOString() },
    });
    const pages: [path: string, heading: string | RegExp, title: string][] = [
      ['/my-space', `Welcome, ${NAME}!`, 'My space'],
      ['/my-space/goals/new', 'Add a goal', 'Add a goal'],
      ['/my-space/rate', 'How close are you?', 'How close are you?'],
      ['/my-space/map', 'My resilience map', 'My resilience map'],
      ['/my-space/journey', 'My journey', 'My journey'],
    ];
    for (const [path, heading, title] of pages) {
      await expectTitle(path, heading, title);
      cleanup();
      document.title = 'Before';
    }
  }, 60_000);
});

/**
 * The same rule at compile time (checked by `npm run typecheck`): a heading made from record
 * text needs a `documentTitle`, and that must be fixed wording.
 */
function compileTimeChecks(name: string) {
  // @ts-expect-error: a heading with a name in it needs a documentTitle.
  const missing = <PageHeader title={`${name}'s goal`} />;
  // @ts-expect-error: the tab's title cannot be record text.
  const named = <PageHeader title={name} documentTitle={name} />;
  // @ts-expect-error: nor a template with record text in it.
  const template = <PageHeader title={name} documentTitle={`Goal of ${name}`} />;
  // @ts-expect-error: MissingMessage's title names the tab too.
  const gone = <MissingMessage title={`${name} not found`} />;
  const fine = <PageHeader title={`${name}'s goal`} documentTitle="A young person's goal" />;
  const fixed = <PageHeader title="Settings" />;
  return [missing, named, template, gone, fine, fixed];
}
void compileTimeChecks;
