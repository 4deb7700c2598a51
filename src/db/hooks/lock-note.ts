import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../database';
import { HANDOVER_END_KEY, PIN_ATTEMPTS_KEY } from '../settings-keys';

/**
 * Wrong PINs in a row that use the PIN up: MAX_WRONG_PINS in src/domain/pin-attempts.ts (a
 * test keeps the two equal), repeated here so that the unlock screen, the first screen of
 * every coach with records, loads none of the PIN's code.
 */
export const PIN_SPENT_AT = 10;

/** Why the unlock screen is shown, when a hand-over is part of it. */
export type LockNote = 'pin-spent' | 'handover-ending' | null;

/**
 * What the unlock screen says about a hand-over: the PIN was used up by wrong tries (the
 * hand-over has ended), or "Forgot the PIN?" asked for it to end at this unlock. Undefined
 * while loading. Both rows are plain, so they are read while locked.
 */
export function useLockNote(): LockNote | undefined {
  return useLiveQuery(async (): Promise<LockNote> => {
    const [attempts, ending] = await Promise.all([
      getDb().settings.get(PIN_ATTEMPTS_KEY),
      getDb().settings.get(HANDOVER_END_KEY),
    ]);
    const failures = (attempts?.value as { failures?: unknown } | undefined)?.failures;
    if (Number(failures) >= PIN_SPENT_AT) return 'pin-spent';
    return ending ? 'handover-ending' : null;
  }, []);
}
