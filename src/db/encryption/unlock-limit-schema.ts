/**
 * The zod schema of the time limit (./unlock-limit.ts), in a module of its own: loaded only
 * when the limit is changed in Settings, never with the app's shell.
 */
import { z } from 'zod';
import { MAX_UNLOCK_LIMIT_HOURS, MIN_UNLOCK_LIMIT_HOURS } from './unlock-limit-bounds';

export const UNLOCK_LIMIT_MESSAGE = `Choose from ${MIN_UNLOCK_LIMIT_HOURS} to ${MAX_UNLOCK_LIMIT_HOURS} hours.`;

export const unlockLimitSchema = z
  .number({ error: 'Enter a number of hours.' })
  .int('Enter a whole number of hours.')
  .min(MIN_UNLOCK_LIMIT_HOURS, UNLOCK_LIMIT_MESSAGE)
  .max(MAX_UNLOCK_LIMIT_HOURS, UNLOCK_LIMIT_MESSAGE);
