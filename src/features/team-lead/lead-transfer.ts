/**
 * Moving the lead to a new device (issue 14): the lead's whole team state (its identity, the
 * caseload keys wrapped for it, the signed lists it keeps, the pending invitations, the moves
 * and the log of opened records) in one file, always protected with a passphrase the lead
 * chooses (never plain: it holds the keys to every caseload).
 *
 * The identity's private keys are sealed on the device under its data key; in the file they are
 * sealed instead under a random transfer key, which travels inside the same passphrase-protected
 * file. The new device seals them again under its own data key. The identity, and so its
 * fingerprint, does not change: coaches' devices keep trusting the lead, and every caseload key
 * wrapped for it still opens. Nothing goes to the server.
 */
import { z } from 'zod';
import { decryptBackup, encryptBackup, WrongPassphraseError } from '../../domain/backup-crypto';
import { LockedError, getDataKey } from '../../db/encryption/session-key';
import {
  readTeamLead,
  saveTeamLead,
  teamLeadSchema,
  type TeamLead,
} from '../../db/repositories/team-lead';
import { fromBase64, randomBytes, toBase64 } from '../../lib/crypto';
import { rewrapStoredIdentity } from '../../team/keys/identity';

export const LEAD_TRANSFER_FORMAT = 'resilience-coaching/lead-transfer';

const transferSchema = z.strictObject({
  format: z.literal(LEAD_TRANSFER_FORMAT),
  version: z.literal(1),
  transferKey: z.string().min(40).max(60),
  lead: teamLeadSchema,
});

function dataKey(): Uint8Array {
  const key = getDataKey();
  if (!key) throw new LockedError();
  return key;
}

/** The file's name: says what it is, never who. */
export function leadTransferFileName(now: Date): string {
  return `lead-keys-${now.toISOString().slice(0, 10)}-protected.json`;
}

/** The protected file's text for the lead's state on this device. */
export async function makeLeadTransfer(lead: TeamLead, passphrase: string): Promise<string> {
  const transferKey = randomBytes(32);
  try {
    const identity = await rewrapStoredIdentity(lead.identity, dataKey(), transferKey);
    const json = JSON.stringify({
      format: LEAD_TRANSFER_FORMAT,
      version: 1,
      transferKey: toBase64(transferKey),
      lead: { ...lead, identity },
    });
    return await encryptBackup(json, passphrase);
  } finally {
    transferKey.fill(0);
  }
}

/** Why a file could not be taken: for the person, next to the field it concerns. */
export class LeadTransferError extends Error {
  constructor(
    readonly field: 'file' | 'passphrase' | '_form',
    message: string,
  ) {
    super(message);
    this.name = 'LeadTransferError';
  }
}

const NOT_A_LEAD_FILE =
  'This is not a file of the lead’s keys. Choose the file made with “Save the lead’s keys for a new device”.';

/**
 * Takes the lead's state from a protected file onto this device: checked whole, its identity
 * sealed again under this device's data key, then saved. Refused, with a LeadTransferError,
 * when the file is not one, the passphrase does not open it, or this device leads a team already
 * (its keys are never replaced). Nothing is saved partially.
 */
export async function takeLeadTransfer(
  text: string,
  passphrase: string,
  now: Date,
): Promise<TeamLead> {
  let outer: unknown;
  try {
    outer = JSON.parse(text);
  } catch {
    throw new LeadTransferError('file', NOT_A_LEAD_FILE);
  }
  let inner: string;
  try {
    inner = await decryptBackup(outer, passphrase);
  } catch (error) {
    if (error instanceof WrongPassphraseError) {
      throw new LeadTransferError('passphrase', 'This passphrase does not open the file.');
    }
    throw new LeadTransferError('file', NOT_A_LEAD_FILE);
  }
  let parsed;
  try {
    parsed = transferSchema.safeParse(JSON.parse(inner));
  } catch {
    parsed = null;
  }
  if (!parsed?.success) throw new LeadTransferError('file', NOT_A_LEAD_FILE);
  const { lead, transferKey } = parsed.data;
  const key = fromBase64(transferKey);
  let identity;
  try {
    identity = await rewrapStoredIdentity(lead.identity, key, dataKey());
  } catch (error) {
    if (error instanceof LockedError) throw error;
    throw new LeadTransferError('file', 'The keys in this file do not open: it was changed.');
  } finally {
    key.fill(0);
  }
  if ((await readTeamLead().catch(() => 'unreadable' as const)) !== null) {
    throw new LeadTransferError(
      '_form',
      'This device leads a team already. Stop leading on it first, then take over again.',
    );
  }
  return saveTeamLead(
    {
      server: lead.server,
      teamDatabase: lead.teamDatabase,
      userName: lead.userName,
      password: lead.password,
      identity,
      caseloadKeys: lead.caseloadKeys,
      ...(lead.settingUp ? { settingUp: lead.settingUp } : {}),
      pending: lead.pending,
      heldLists: lead.heldLists,
      // The copies of the caseloads stay on the old device: this one gets its own at once.
      caseloadCopies: lead.caseloadCopies.map((copy) => ({ ...copy, refreshedAt: null })),
      openedRecords: lead.openedRecords,
      moves: lead.moves,
      setUpAt: lead.setUpAt,
    },
    now,
  );
}
