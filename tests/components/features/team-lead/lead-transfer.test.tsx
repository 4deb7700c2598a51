/**
 * Moving the lead to a new device (issue 14): the lead's keys in a file always protected with a
 * passphrase, taken on another device (another data key) with the same identity, so its
 * caseload keys and lists still open; a wrong passphrase, another file, and a device that leads
 * already are refused, next to the field, with nothing saved.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../../src/db/database';
import { getDataKey, setDataKey } from '../../../../src/db/encryption/session-key';
import {
  forgetTeamLead,
  readTeamLead,
  saveTeamLead,
} from '../../../../src/db/repositories/team-lead';
import { openLead } from '../../../../src/features/team-lead/lead-actions';
import { LeadTeamSection } from '../../../../src/features/team-lead/lead-team-section';
import {
  LeadTransferError,
  makeLeadTransfer,
  takeLeadTransfer,
} from '../../../../src/features/team-lead/lead-transfer';
import { randomBytes } from '../../../../src/lib/crypto';
import { createCaseloadKey, wrapCaseloadKey } from '../../../../src/team/keys/caseload-key';
import { displayFingerprint, generateDeviceIdentity } from '../../../../src/team/keys/identity';
import { signMembership } from '../../../../src/team/keys/membership';

const NOW = new Date('2026-12-08T10:00:00Z');
const TEAM = `team-${'abcdef0123456789'.repeat(2)}`;
const CASELOAD = `caseload-${'0123456789abcdef'.repeat(2)}`;
const PASSPHRASE = 'orange kettle under the stairs';

let firstKey: Uint8Array;

beforeEach(async () => {
  firstKey = new Uint8Array(getDataKey() as Uint8Array);
  await getDb().delete();
  await getDb().open();
});

afterEach(() => {
  setDataKey(new Uint8Array(firstKey));
});

/** A lead set up on "the old device", holding one caseload's key and list. */
async function oldDevicesLead() {
  const { identity, stored } = await generateDeviceIdentity(getDataKey() as Uint8Array);
  const key = await createCaseloadKey(CASELOAD);
  const list = await signMembership(identity, {
    caseloadId: CASELOAD,
    version: 1,
    members: [{ fingerprint: identity.fingerprint, role: 'lead' }],
    keys: [{ keyVersion: 1, commitment: key.commitment }],
    issuedAt: NOW.toISOString(),
  });
  const lead = await saveTeamLead(
    {
      server: 'https://coaching.example.org/couchdb',
      teamDatabase: TEAM,
      userName: 'lead-rowan',
      password: 'lead horse battery',
      identity: stored,
      caseloadKeys: [await wrapCaseloadKey(key, identity.publicKeys)],
      pending: [],
      heldLists: [list],
      caseloadCopies: [
        { caseloadId: CASELOAD, coaches: ['coach-amber'], refreshedAt: NOW.toISOString() },
      ],
    },
    NOW,
  );
  return { identity, key, lead };
}

/** The new device: nothing of the old one's, and its own data key. */
async function onNewDevice() {
  await forgetTeamLead();
  setDataKey(randomBytes(32));
}

describe('moving the lead to a new device', () => {
  it('takes the same identity, caseload keys and lists onto a device with another data key', async () => {
    const { identity, key, lead } = await oldDevicesLead();
    const file = await makeLeadTransfer(lead, PASSPHRASE);
    // Protected: neither the keys nor the team's details are readable in the file.
    expect(file).toContain('resilience-coaching-backup-encrypted');
    for (const word of ['lead-rowan', 'lead horse battery', TEAM, CASELOAD]) {
      expect(file).not.toContain(word);
    }

    await onNewDevice();
    await expect(takeLeadTransfer(file, 'not the passphrase', NOW)).rejects.toMatchObject({
      field: 'passphrase',
    });
    await expect(takeLeadTransfer('{"format":"other"}', PASSPHRASE, NOW)).rejects.toBeInstanceOf(
      LeadTransferError,
    );
    expect(await readTeamLead()).toBeNull();

    const taken = await takeLeadTransfer(file, PASSPHRASE, NOW);
    const opened = await openLead(taken);
    expect(opened.identity.fingerprint).toBe(identity.fingerprint);
    expect(opened.keys.map((k) => k.commitment)).toEqual([key.commitment]);
    expect(opened.held.map((l) => l.caseloadId)).toEqual([CASELOAD]);
    // This device has no copies of the caseloads yet: it gets its own.
    expect(taken.caseloadCopies).toEqual([
      { caseloadId: CASELOAD, coaches: ['coach-amber'], refreshedAt: null },
    ]);

    // A device that leads already is never replaced.
    await expect(takeLeadTransfer(file, PASSPHRASE, NOW)).rejects.toMatchObject({ field: '_form' });
  });

  it('from Settings: saves the file on the old device, and takes over on the new one', async () => {
    const { identity, lead } = await oldDevicesLead();
    const file = await makeLeadTransfer(lead, PASSPHRASE);
    await onNewDevice();
    render(<LeadTeamSection now={() => NOW} />);
    const form = await screen.findByRole('form', { name: 'Take over from another device' });
    const user = userEvent.setup();
    await user.click(within(form).getByRole('button', { name: 'Take over leading' }));
    expect(within(form).getByLabelText('The lead’s keys file')).toHaveAccessibleDescription(
      'Choose the file of the lead’s keys.',
    );
    await user.upload(
      within(form).getByLabelText('The lead’s keys file'),
      new File([file], 'lead-keys-2026-12-08-protected.json', { type: 'application/json' }),
    );
    await user.type(within(form).getByLabelText('The file’s passphrase'), 'wrong passphrase');
    await user.click(within(form).getByRole('button', { name: 'Take over leading' }));
    expect(await within(form).findByText('This passphrase does not open the file.')).toBeVisible();
    await user.clear(within(form).getByLabelText('The file’s passphrase'));
    await user.type(within(form).getByLabelText('The file’s passphrase'), PASSPHRASE);
    await user.click(within(form).getByRole('button', { name: 'Take over leading' }));
    const region = screen.getByRole('region', { name: 'Lead a team' });
    await waitFor(() => expect(region).toHaveTextContent(displayFingerprint(identity.fingerprint)));
    // And the way on to the next device: the file is always protected.
    await user.click(
      within(region).getByRole('button', { name: 'Save the lead’s keys for a new device…' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Save the lead’s keys for a new device',
    });
    expect(within(dialog).queryByRole('checkbox', { name: /Protect this file/ })).toBeNull();
    expect(within(dialog).getByLabelText('Passphrase')).toBeVisible();
  });
});
