/**
 * The zod schemas of the keyring (./keyring.ts) and the auto-lock setting. A module of their
 * own, loaded only when a keyring is read or written, or the auto-lock time is set: the
 * unlock screen paints without zod (issue 7's first-screen budget).
 */
import { z } from 'zod';
import { instantSchema } from '../../domain/schemas';
import { fromBase64, MAX_KDF_ITERATIONS, PBKDF2_ITERATIONS } from '../../lib/crypto';
import { MAX_AUTO_LOCK_MINUTES, MIN_AUTO_LOCK_MINUTES } from './lock-settings';

const base64Schema = z.string().refine(
  (text) => {
    try {
      fromBase64(text);
      return text.length > 0;
    } catch {
      return false;
    }
  },
  { message: 'Not base64.' },
);

const kdfSchema = z.object({
  name: z.literal('PBKDF2'),
  hash: z.literal('SHA-256'),
  iterations: z.number().int().min(PBKDF2_ITERATIONS).max(MAX_KDF_ITERATIONS),
  salt: base64Schema,
});
export type Kdf = z.infer<typeof kdfSchema>;

const wrappedKeySchema = z.object({ iv: base64Schema, wrapped: base64Schema });
export type WrappedKey = z.infer<typeof wrappedKeySchema>;

export const keyringSchema = z.object({
  version: z.union([z.literal(1), z.literal(2)]),
  kdf: kdfSchema,
  byPassphrase: wrappedKeySchema,
  byRecoveryKey: wrappedKeySchema.extend({
    kdf: kdfSchema,
    /** The recovery key's wrapping when it differs from the keyring's (see keyring.ts). */
    version: z.literal(1).optional(),
  }),
  createdAt: instantSchema,
});
export type Keyring = z.infer<typeof keyringSchema>;

export const AUTO_LOCK_MESSAGE = `Choose from ${MIN_AUTO_LOCK_MINUTES} to ${MAX_AUTO_LOCK_MINUTES} minutes.`;

export const autoLockSchema = z
  .number({ error: 'Enter a number of minutes.' })
  .int('Enter a whole number of minutes.')
  .min(MIN_AUTO_LOCK_MINUTES, AUTO_LOCK_MESSAGE)
  .max(MAX_AUTO_LOCK_MINUTES, AUTO_LOCK_MESSAGE);
