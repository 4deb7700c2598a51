import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { TAB_CHANNEL_NAME } from '../../../src/app/lock/lock-across-tabs';
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
  }, PRELOAD_TIMEOUT);
  beforeEach(async () => {
    await resetApp();
    setEncryptionSetUp(true);
    other = new BroadcastChannel(TAB_CHANNEL_NAME);
  });
  afterEach(() => other.close());

  it('replaces this tab by the unlock screen at once, with none of the records left', async () => {
    const yp = await seedYoungPerson(NAME);
    renderApp(`/young-people/${yp.id}`);
    await findPageHeading(NAME);

    other.postMessage({ type: 'lock' });

    expect(await findPageHeading('Unlock')).toBeVisible();
    expect(document.body).not.toHaveTextContent(NAME);
    expect(document.title).not.toContain(NAME);
    expect(screen.getByLabelText('Passphrase')).toBeVisible();
  });
});
