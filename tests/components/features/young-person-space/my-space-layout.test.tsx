import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getDb } from '../../../../src/db/database';
import { getDataKey, getLockState, setDataKey } from '../../../../src/db/encryption/session-key';
import { getPinState, setCoachPin } from '../../../../src/db/repositories/coach-pin';
import { getHandover } from '../../../../src/db/repositories/handover';
import { handOverTo, renderSpace, resetSpace, seedGoal, seedYoungPerson } from './space-test-utils';

// Fewer key-derivation rounds keep these tests quick (the real figures are checked in
// tests/unit/lib/pin.test.ts).
vi.mock('../../../../src/lib/pin', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../src/lib/pin')>()),
  PIN_ITERATIONS: 1000,
}));

/**
 * The page's monotonic clock (performance.now(), by which the PIN's waits are counted) runs
 * on as usual, moved on by hand when the test waits out a wait.
 */
function movablePageClock() {
  const realNow = performance.now.bind(performance);
  let offset = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => realNow() + offset);
  return (ms: number) => {
    offset += ms;
  };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

async function seedHandover() {
  await setCoachPin('4826', null);
  const mia = await seedYoungPerson('Mia');
  await seedGoal(mia.id);
  await handOverTo(mia.id);
  return mia;
}

describe('MySpaceLayout', () => {
  beforeEach(resetSpace);

  it('greets the young person with no coach navigation', async () => {
    await seedHandover();
    renderSpace('/my-space');
    expect(await screen.findByText('Hi Mia!')).toBeVisible();
    expect(screen.getByRole('main')).toContainElement(
      await screen.findByRole('heading', { level: 1, name: 'Welcome, Mia!' }),
    );
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.getByRole('button', { name: 'Give back to my coach' })).toBeVisible();
  });

  it('refuses a wrong PIN and stays in the space', async () => {
    const user = userEvent.setup();
    await seedHandover();
    const router = renderSpace('/my-space');
    await user.click(await screen.findByRole('button', { name: 'Give back to my coach' }));
    const dialog = screen.getByRole('dialog', { name: 'Give back to your coach' });
    const pin = within(dialog).getByLabelText('Coach PIN');
    await user.type(pin, '1111{Enter}');
    await waitFor(() =>
      expect(pin).toHaveAccessibleDescription(
        /That PIN is not right\. 9 tries left before the app locks\./,
      ),
    );
    expect(router.state.location.pathname).toBe('/my-space');
    expect(await getHandover()).not.toBeNull();

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('heading', { level: 1, name: 'Welcome, Mia!' })).toBeVisible();
  });

  it('gives the device back to the coach, at the young person’s page, with the right PIN', async () => {
    const user = userEvent.setup();
    const mia = await seedHandover();
    const router = renderSpace('/my-space/rate');
    await user.click(await screen.findByRole('button', { name: 'Give back to my coach' }));
    const dialog = screen.getByRole('dialog', { name: 'Give back to your coach' });
    await user.type(within(dialog).getByLabelText('Coach PIN'), '4826{Enter}');
    await waitFor(() => expect(router.state.location.pathname).toBe(`/young-people/${mia.id}`));
    expect(await screen.findByText(`Young person page ${mia.id}`)).toBeVisible();
    expect(await getHandover()).toBeNull();
  });

  describe('ten wrong PINs', () => {
    let key: Uint8Array;
    beforeEach(() => {
      key = new Uint8Array(getDataKey() ?? []);
    });
    afterEach(() => {
      vi.restoreAllMocks();
      if (getLockState() !== 'unlocked') setDataKey(key);
    });

    it('make each try wait longer, then end the hand-over and lock the app', async () => {
      const passTime = movablePageClock();
      const user = userEvent.setup();
      await seedHandover();
      renderSpace('/my-space');
      await user.click(await screen.findByRole('button', { name: 'Give back to my coach' }));
      const dialog = screen.getByRole('dialog', { name: 'Give back to your coach' });
      const pin = within(dialog).getByLabelText('Coach PIN');

      const waits = [0, 0, 0, MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 4 * HOUR, 4 * HOUR];
      for (const [i, wait] of waits.entries()) {
        await user.type(pin, '1111{Enter}');
        const left = 9 - i;
        const said = `That PIN is not right. ${left} ${left === 1 ? 'try' : 'tries'} left before the app locks.`;
        await waitFor(() => expect(pin).toHaveAccessibleDescription(new RegExp(said)));
        if (wait > 0) {
          expect(pin).toHaveAccessibleDescription(
            /Wait \d+ (seconds|minutes|hours) before the next try\./,
          );
          // A try during the wait is not even checked.
          await user.type(pin, '4826{Enter}');
          await waitFor(() => expect(pin).toHaveAccessibleDescription(/Too many wrong tries/));
          passTime(wait);
        }
        expect(await getHandover()).not.toBeNull();
      }
      expect(await getPinState()).toMatchObject({ failures: 9, triesLeft: 1 });

      await user.type(pin, '1111{Enter}');

      await waitFor(() => expect(getLockState()).toBe('locked'));
      expect(await getHandover()).toBeNull();
      setDataKey(key); // the passphrase
      expect(await getPinState()).toMatchObject({ status: 'spent' });
    });
  });

  describe('Forgot the PIN?', () => {
    let key: Uint8Array;
    beforeEach(() => {
      key = new Uint8Array(getDataKey() ?? []);
    });
    afterEach(() => {
      if (getLockState() !== 'unlocked') setDataKey(key);
    });

    it('offers, even during a wait, to lock the app so that the passphrase ends the hand-over', async () => {
      const user = userEvent.setup();
      await seedHandover();
      await getDb().settings.put({
        key: 'pinAttempts',
        value: { failures: 8, waitLeftMs: 4 * HOUR, seenAt: 0, since: 0 },
      });
      renderSpace('/my-space');
      await user.click(await screen.findByRole('button', { name: 'Give back to my coach' }));
      const pinDialog = screen.getByRole('dialog', { name: 'Give back to your coach' });
      await waitFor(() =>
        expect(within(pinDialog).getByLabelText('Coach PIN')).toHaveAccessibleDescription(
          /Too many wrong tries\. Try again in 4 hours\./,
        ),
      );

      await user.click(within(pinDialog).getByRole('button', { name: 'Forgot the PIN?' }));
      const dialog = screen.getByRole('alertdialog', { name: 'Forgot the PIN?' });
      expect(dialog).toHaveTextContent(
        'Coach: your passphrase, or your recovery key, ends the hand-over.',
      );
      // Cancel goes back to the space, with nothing changed.
      await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
      expect(screen.queryByRole('alertdialog')).toBeNull();
      expect(getLockState()).toBe('unlocked');

      await user.click(screen.getByRole('button', { name: 'Give back to my coach' }));
      await user.click(screen.getByRole('button', { name: 'Forgot the PIN?' }));
      await user.click(screen.getByRole('button', { name: 'Lock the app' }));

      await waitFor(() => expect(getLockState()).toBe('locked'));
      expect(await getDb().settings.get('handoverEndAtUnlock')).toBeDefined();
      expect(await getHandover()).not.toBeNull(); // until the passphrase is given
    });
  });
});
