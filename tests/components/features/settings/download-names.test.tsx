import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { toIsoDate } from '../../../../src/lib/dates';
import { captureDownloads } from '../../downloads';
import { findSaveFileDialog, turnProtectionOff } from '../../protected-files';
import {
  PRELOAD_TIMEOUT,
  closeCase,
  findPageHeading,
  renderApp,
  resetApp,
  seedYoungPerson,
} from '../../app/render-app';

const NAME = 'Philomena Bracegirdle';

describe('Downloaded files are never named after a young person', () => {
  beforeAll(() => import('../../../../src/app/routes/settings-route'), PRELOAD_TIMEOUT);
  beforeEach(resetApp);

  it("names a closed case's records past retention by id and date (the list of downloads is not encrypted)", async () => {
    const yp = await seedYoungPerson(NAME);
    await closeCase(yp.id, '2020-01-15');
    const downloads = captureDownloads();
    renderApp('/settings');
    await findPageHeading('Settings');

    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Download records/ }));
    const dialog = await findSaveFileDialog(`Download ${NAME}'s records`);
    await turnProtectionOff(user, 'file', dialog);
    await user.click(within(dialog).getByRole('button', { name: 'Download records' }));

    await waitFor(() => expect(downloads).toHaveLength(1));
    const [file] = downloads;
    expect(file?.filename).toBe(`case-${yp.id.slice(0, 8)}-${toIsoDate(new Date())}.json`);
    expect(file?.filename).not.toMatch(/Philomena|Bracegirdle|PB/);
  });
});
