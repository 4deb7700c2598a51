/**
 * Wrong passphrases, counted in the settings table (`unlockAttempts`) so a reload does not
 * reset the count: after five wrong in a row each try must wait, 30 seconds at first,
 * doubling with every further wrong one, up to 15 minutes. A right one clears the count.
 * Recovery keys are not counted: with about 148 random bits they cannot be guessed. The
 * keyring (./keyring.ts) asks here before it tries a passphrase, and reports how it went.
 *
 * Read on the unlock screen as it first paints, so nothing here loads zod (see loadSchemas
 * in ./keyring.ts).
 */
import { ValidationError } from '../../domain/validation';
import { toInstant } from '../../lib/instant';
import { getDb } from '../database';
import { UNLOCK_ATTEMPTS_KEY } from '../settings-keys';

/** Wrong passphrases in a row before each try must wait. */
export const FREE_TRIES = 5;
export const FIRST_WAIT_MS = 30_000;
export const MAX_WAIT_MS = 15 * 60_000;

/** "30 seconds", "1 second", "4 minutes". */
export function describeWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/**
 * Too many wrong passphrases: no passphrase is even checked until the wait is over. A
 * ValidationError keyed by the form field it belongs to, so a form using useFormSubmit shows
 * the message by that field.
 */
export class TooManyAttemptsError extends ValidationError {
  readonly secondsLeft: number;

  constructor(waitMs: number, field = 'passphrase') {
    const message = `Too many wrong tries. Try again in ${describeWait(waitMs)}.`;
    super({ [field]: message }, message);
    this.name = 'TooManyAttemptsError';
    this.secondsLeft = Math.max(1, Math.ceil(waitMs / 1000));
  }
}

/** Wrong passphrases in a row, and until when the next try must wait. */
interface Attempts {
  failures: number;
  lockedUntil: string | null;
}

/** The count with no wrong try: stored when a keyring is made or replaced. */
export const NO_ATTEMPTS: Attempts = { failures: 0, lockedUntil: null };

/** How long to wait after this many wrong passphrases in a row, in milliseconds. */
export function waitAfterFailures(failures: number): number {
  if (failures < FREE_TRIES) return 0;
  return Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - FREE_TRIES));
}

/**
 * The stored count of wrong tries. Read on the unlock screen as it first paints, so checked
 * here by hand rather than with zod (see loadSchemas in ./keyring.ts); anything else counts
 * as none.
 */
export function toAttempts(value: unknown): Attempts {
  if (typeof value !== 'object' || value === null) return NO_ATTEMPTS;
  const { failures, lockedUntil } = value as Record<string, unknown>;
  if (typeof failures !== 'number' || !Number.isSafeInteger(failures) || failures < 0) {
    return NO_ATTEMPTS;
  }
  if (lockedUntil === null) return { failures, lockedUntil };
  if (typeof lockedUntil !== 'string' || Number.isNaN(Date.parse(lockedUntil))) {
    return NO_ATTEMPTS;
  }
  return { failures, lockedUntil };
}

async function readAttempts(): Promise<Attempts> {
  return toAttempts((await getDb().settings.get(UNLOCK_ATTEMPTS_KEY))?.value);
}

/**
 * Milliseconds until a passphrase may be tried again; 0 when it may be tried now. Never more
 * than MAX_WAIT_MS, even if the device's clock was moved back.
 */
export async function unlockWait(now: Date = new Date()): Promise<number> {
  const { lockedUntil } = await readAttempts();
  if (lockedUntil === null) return 0;
  return Math.min(MAX_WAIT_MS, Math.max(0, Date.parse(lockedUntil) - now.getTime()));
}

/** Throws a TooManyAttemptsError (keyed `field`) while a passphrase may not be tried. */
export async function refuseWhileWaiting(now: Date, field: string): Promise<void> {
  const wait = await unlockWait(now);
  if (wait > 0) throw new TooManyAttemptsError(wait, field);
}

/** Counts one more wrong passphrase; returns the wait it now needs (0 for none). */
export async function recordFailure(now: Date): Promise<number> {
  const db = getDb();
  return db.transaction('rw', db.settings, async () => {
    const failures = (await readAttempts()).failures + 1;
    const wait = waitAfterFailures(failures);
    const lockedUntil = wait > 0 ? toInstant(new Date(now.getTime() + wait)) : null;
    await db.settings.put({ key: UNLOCK_ATTEMPTS_KEY, value: { failures, lockedUntil } });
    return wait;
  });
}

/** After a right passphrase: no wrong try counted any more. */
export async function clearFailures(): Promise<void> {
  await getDb().settings.put({ key: UNLOCK_ATTEMPTS_KEY, value: NO_ATTEMPTS });
}
