import { expect, test, type Page } from '@playwright/test';
import { addYoungPerson, expectNoSideways, expectNoViolations } from './support/helpers';

// The resilience map: the coach and the young person mark what they already do and what
// they would like to try, save dated snapshots, see the map grow, and turn a move to try
// into a goal. Real Chromium against the built app, with real IndexedDB. Names are fictional.

const PIN = '2468';
const COACH_GOAL = 'To stay calm when my little brother winds me up';
const THEIR_GOAL = 'I want to join the after-school club';
const EXAMPLE = 'I walk the dog every day';

/** A control's name: its visible words, then ": " and the move, for screen readers. */
function named(words: string, move: string): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escape(words)}: ${escape(move)}$`);
}

/** Presses one of a tile's two toggles and checks that its new state is announced. */
async function mark(
  page: Page,
  toggle: 'I already do this' | "I'd like to try this",
  move: string,
) {
  const button = page.getByRole('button', { name: named(toggle, move) });
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
}

async function expectMarked(page: Page, toggle: string, move: string, pressed: boolean) {
  await expect(page.getByRole('button', { name: named(toggle, move) })).toHaveAttribute(
    'aria-pressed',
    String(pressed),
  );
}

/** Sets the coach PIN in Settings, so handing over goes straight to the space. */
async function setPin(page: Page) {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  await page.getByLabel('New PIN', { exact: true }).fill(PIN);
  await page.getByLabel('Type the new PIN again').fill(PIN);
  await page.getByRole('button', { name: 'Save PIN' }).click();
  await expect(page.getByText('PIN saved').last()).toBeVisible();
}

async function handOver(page: Page, personUrl: string, name: string) {
  await page.goto(personUrl);
  await page.getByRole('button', { name: `Hand over to ${name}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${name}!` })).toBeVisible();
}

async function giveBack(page: Page, name: string) {
  await page.getByRole('button', { name: 'Give back to my coach' }).click();
  const dialog = page.getByRole('dialog', { name: 'Give back to your coach' });
  await dialog.getByLabel('Coach PIN').fill(PIN);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('coach and young person build a map, see it grow, and turn a move to try into a goal', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const name = 'Jo P';
  const personUrl = await addYoungPerson(page, name);
  const personPath = new URL(personUrl).pathname;
  await setPin(page);

  // The first map, made with the coach, in the practitioner wording.
  await page.goto(personUrl);
  await page.getByRole('link', { name: 'Resilience map' }).click();
  await expect(page).toHaveURL(`${personPath}/map`);
  await expect(page.getByRole('heading', { level: 1, name: 'Resilience map' })).toBeVisible();
  await mark(page, 'I already do this', 'Being brave');
  await mark(page, 'I already do this', 'Exercise and fresh air');
  await page
    .getByRole('button', { name: named('Add an example', 'Exercise and fresh air') })
    .click();
  await page
    .getByLabel(named('An example, in their words', 'Exercise and fresh air'))
    .fill(EXAMPLE);
  await mark(page, "I'd like to try this", 'Calming down and self-soothing');
  // The two toggles of a tile are exclusive, and pressing the pressed one clears it.
  await mark(page, "I'd like to try this", 'Have a laugh');
  await mark(page, 'I already do this', 'Have a laugh');
  await expectMarked(page, "I'd like to try this", 'Have a laugh', false);
  await page.getByRole('button', { name: named('I already do this', 'Have a laugh') }).click();
  await expectMarked(page, 'I already do this', 'Have a laugh', false);
  await page.getByRole('button', { name: 'Save map' }).click();
  await expect(page.getByText('Map saved').last()).toBeVisible();
  await expect(
    page.getByText('Save the map again at a later session to see how it grows.'),
  ).toBeVisible();

  // Later, with the young person in their own space: the saved map, in their wording.
  await handOver(page, personUrl, name);
  await page.getByRole('link', { name: 'My map' }).click();
  await expect(page).toHaveURL('/my-space/map');
  await expect(page.getByRole('heading', { level: 1, name: 'My resilience map' })).toBeVisible();
  await expectMarked(page, 'I already do this', 'Be brave', true);
  await expectMarked(page, "I'd like to try this", 'Calm down and make yourself feel better', true);
  await expect(
    page.getByLabel(named('An example, in your words', 'Exercise and fresh air')),
  ).toHaveValue(EXAMPLE);
  await mark(page, 'I already do this', 'Solve problems');
  await mark(page, 'I already do this', 'Remember tomorrow is another day');
  await mark(page, "I'd like to try this", 'Make friends and mix with other people');
  await page.getByRole('button', { name: 'Save my map' }).click();
  await expect(page.getByText('Your map is saved').last()).toBeVisible();
  await expect(page.getByText('You found 2 more things you already do in Coping.')).toBeVisible();

  // Their move to try becomes their goal, arriving with the move and its domain chosen.
  await page
    .getByRole('link', {
      name: named('Make this a goal', 'Make friends and mix with other people'),
    })
    .click();
  await expect(page).toHaveURL('/my-space/goals/new?move=belonging-make-friends');
  await expect(page.getByRole('button', { name: /^Belonging/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(
    page.getByRole('checkbox', { name: 'Make friends and mix with other people' }),
  ).toBeChecked();
  await page.getByLabel('What would you like to be different?').fill(THEIR_GOAL);
  await page
    .getByRole('group', { name: 'How close are you now?' })
    .getByRole('radio', { name: '2', exact: true })
    .check();
  await page.getByRole('button', { name: 'Save my goal' }).click();
  await expect(page.getByText('Your goal is saved. Well done!').last()).toBeVisible();
  await giveBack(page, name);

  // The coach sees the growth since the first map, as a chart and in words.
  await page.getByRole('link', { name: 'Resilience map' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Resilience map' })).toBeVisible();
  await expect(
    page.getByRole('img', { name: /Bar chart of strengths per domain/ }),
  ).toHaveAttribute('aria-label', /Coping: 1 at the first map, 3 now/);
  await expectMarked(page, 'I already do this', 'Solving problems', true);
  await expect(page.getByText('2 more strengths in Coping since the first map.')).toBeVisible();
  await mark(page, 'I already do this', 'Enough sleep');
  await page.getByRole('button', { name: 'Save map' }).click();
  await expect(page.getByText('Map saved').last()).toBeVisible();
  await expect(page.getByText('1 more strength in Basics since the first map.')).toBeVisible();

  // The coach's move to try becomes a goal with the move and its domain chosen.
  await page
    .getByRole('link', { name: named('Make this a goal', 'Calming down and self-soothing') })
    .click();
  await expect(page).toHaveURL(`${personPath}/goals/new?move=coping-calm-down`);
  const domains = page.getByRole('group', {
    name: 'Which parts of the framework does this goal link to?',
  });
  await expect(domains.getByRole('checkbox', { name: /^Coping/ })).toBeChecked();
  await expect(domains.getByRole('checkbox', { name: /^Belonging/ })).not.toBeChecked();
  await expect(
    page.getByRole('checkbox', { name: /^Calming down and self-soothing/ }),
  ).toBeChecked();
  await page.getByLabel('What is the goal?').fill(COACH_GOAL);
  await page.getByRole('radio', { name: 'Together' }).check();
  await page
    .getByRole('group', { name: /How close is the young person/ })
    .getByRole('radio', { name: '3', exact: true })
    .check();
  await page.getByRole('button', { name: 'Save goal' }).click();
  await expect(page.getByText('Goal added').last()).toBeVisible();
  await page.getByRole('link', { name: `“${COACH_GOAL}”` }).click();
  await expect(page.getByRole('list', { name: 'Resilient moves' })).toContainText(
    'Calming down and self-soothing',
  );

  // Logging a session offers the moves to try first.
  await page.goto(`${personPath}/sessions/new`);
  const picker = page.getByRole('group', { name: 'Resilient moves made in the session' });
  await expect(picker).toContainText("The moves they'd like to try (from their resilience map)");
  const suggested = picker.getByRole('group', { name: 'Suggested' });
  await expect(suggested.getByRole('checkbox').first()).toHaveAccessibleName(
    /^Make friends and mix with other young people/,
  );

  expect(errors).toEqual([]);
});

test('the map pages pass axe, at desktop and at 320 px wide', async ({ page }) => {
  test.setTimeout(240_000);
  const name = 'Sam T';
  const personUrl = await addYoungPerson(page, name);
  const personPath = new URL(personUrl).pathname;
  await setPin(page);

  await page.goto(`${personPath}/map`);
  await expect(page.getByRole('heading', { level: 1, name: 'Resilience map' })).toBeVisible();
  await expectNoViolations(page, "The coach's map page before the first save");
  await mark(page, 'I already do this', 'Being brave');
  await mark(page, "I'd like to try this", 'Enough sleep');
  await page.getByRole('button', { name: named('Add an example', 'Being brave') }).click();
  await page
    .getByLabel(named('An example, in their words', 'Being brave'))
    .fill('I spoke in assembly');
  await page.getByRole('button', { name: 'Save map' }).click();
  await expect(page.getByText('Map saved').last()).toBeVisible();
  await mark(page, 'I already do this', 'Have a laugh');
  await page.getByRole('button', { name: 'Save map' }).click();
  await expect(page.getByRole('img', { name: /Bar chart of strengths per domain/ })).toBeVisible();

  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${personPath}/map`);
    await expect(
      page.getByRole('link', { name: named('Make this a goal', 'Enough sleep') }),
    ).toBeVisible();
    await expectNoViolations(page, `The coach's map page at ${width} px`);
    await expectNoSideways(page, `The coach's map page at ${width} px`);

    await page.goto(`${personPath}/map/print`);
    await expect(
      page.getByRole('heading', { level: 1, name: `${name}'s resilience map` }),
    ).toBeVisible();
    await expect(page.getByText('Be brave', { exact: true })).toBeVisible();
    await expectNoViolations(page, `The print view at ${width} px`);
  }

  await page.setViewportSize({ width: 1280, height: 900 });
  await handOver(page, personUrl, name);
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/my-space/map');
    await expect(page.getByRole('button', { name: 'Save my map' })).toBeVisible();
    await expect(
      page.getByRole('link', { name: named('Make this a goal', 'Enough sleep') }),
    ).toBeVisible();
    await expectNoViolations(page, `The young person's map page at ${width} px`);
    await expectNoSideways(page, `The young person's map page at ${width} px`);
  }
});
