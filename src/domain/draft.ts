/**
 * Drafts (schema v4): a form being filled in, saved as it is typed so that a closed tab or a
 * crashed browser loses nothing. One draft per form and young person; it is removed when the
 * form is saved or the coach discards it, and with the young person when they are erased.
 */
import { z } from 'zod';
import { idSchema, instantSchema } from './schemas';

export const DRAFT_KINDS = ['session', 'goal', 'my-goal'] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

/** The largest form state a draft keeps, in characters of JSON (notes are at most 20,000). */
export const DRAFT_MAX_CHARS = 100_000;

const draftValuesSchema = z
  .record(z.string(), z.unknown())
  .refine((values) => JSON.stringify(values).length <= DRAFT_MAX_CHARS, {
    message: 'This draft is too long to keep.',
  });

export const draftSchema = z.object({
  id: idSchema,
  kind: z.enum(DRAFT_KINDS),
  youngPersonId: idSchema,
  values: draftValuesSchema,
  updatedAt: instantSchema,
});
export type Draft = z.infer<typeof draftSchema>;

/** The id of the draft for one form: a young person has at most one draft of each kind. */
export function draftId(kind: DraftKind, youngPersonId: string): string {
  return `${kind}:${youngPersonId}`;
}

/**
 * A form's values from a draft: each field the draft holds in the right shape, the rest
 * from `fallback`. A draft written by an older version of the form never breaks it.
 */
export function valuesFromDraft<T extends object>(
  stored: Record<string, unknown>,
  fallback: T,
  shape: { [K in keyof T]: z.ZodType<T[K]> },
): T {
  const result = { ...fallback };
  for (const key of Object.keys(shape) as (keyof T & string)[]) {
    if (!Object.hasOwn(stored, key)) continue;
    const parsed = shape[key].safeParse(stored[key]);
    if (parsed.success) result[key] = parsed.data;
  }
  return result;
}
