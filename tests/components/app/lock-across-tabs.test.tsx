import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TAB_CHANNEL_NAME } from '../../../src/app/lock/lock-across-tabs';
import { replacePageReload } from '../../../src/app/lock/reload-on-lock';
import { setEncryptionSetUp } from '../../../src/db/encryption/session-key';
import {
  PRELOAD_TIMEOUT,
  findPageHeading,
  preloadPages,
  renderApp,
  resetApp,
  seedYoungPerson,
} from './render-app';

const NAME = 'Ottoline Fairweather';

describe('Lock in another tab (real app)', () => {
  let other: BroadcastChannel;

  beforeAll(async () => {
    await preloadPages();
    await import('../../../src/features/lock/unlock-screen');
    await import('../../../src/app/lock/while-unlocked');
  }, PRELOAD_TIMEOUT);
  beforeEach(async () => {
    await resetApp();
    setEncryptionSetUp(true);
    other = new BroadcastChannel(TAB_CHANNEL_NAME);
  });
  afterEach(() => {
    other.close();
    replacePageReload(() => undefined); // as tests/setup.ts leaves it
  });

  /** Stands in for the reload, noting what the page showed just before it. */
  function watchReloads() {
    const shown: string[] = [];
    replacePageReload(() => shown.push(document.body.textContent ?? ''));
    return shown;
  }

  it('replaces this tab by the unlock screen at once, with none of the records left', async () => {
    const yp = await seedYoungPerson(NAME);
    renderApp(`/young-people/${yp.id}`);
    await findPageHeading(NAME);

    const reloads = watchReloads();
    other.postMessage({ type: 'lock' });

    expect(await findPageHeading('Unlock')).toBeVisible();
    expect(reloads).toHaveLength(1);
    expect(document.body).not.toHaveTextContent(NAME);
    expect(document.title).not.toContain(NAME);
    expect(screen.getByLabelText('Passphrase')).toBeVisible();
  });

  it('reloads the page after Lock, showing only "Locking…" until then, and tells the other tabs', async () => {
    const yp = await seedYoungPerson(NAME);
    const heard = vi.fn();
    other.onmessage = (event) => heard(event.data);
    renderApp(`/young-people/${yp.id}`);
    await findPageHeading(NAME);
    const reloads = watchReloads();

    await userEvent.setup().click(screen.getByRole('button', { name: 'Lock' }));

    await waitFor(() => expect(reloads).toHaveLength(1));
    expect(reloads[0]).toContain('Locking…');
    expect(reloads[0]).not.toContain(NAME);
    expect(reloads[0]).not.toContain('Passphrase');
    await waitFor(() => expect(heard).toHaveBeenCalledWith({ type: 'lock' }));
    expect(await findPageHeading('Unlock')).toBeVisible();
  });
});
