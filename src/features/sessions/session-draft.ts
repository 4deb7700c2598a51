/** The session form's draft: what is kept as it is typed, and how it comes back. */
import { z } from 'zod';
import { valuesFromDraft } from '../../domain/draft';
import { NOBLE_TRUTH_IDS } from '../../domain/framework';
import { scoreSchema } from '../../domain/rating-rules';
import { LOCATIONS, RATERS } from '../../domain/schemas';
import type { SessionFormValues } from './session-model';

const shape = {
  date: z.string().max(20),
  durationMinutes: z.string().max(20),
  location: z.enum([...LOCATIONS, '']),
  moves: z.array(z.string()),
  nobleTruths: z.array(z.enum(NOBLE_TRUTH_IDS)),
  notes: z.string(),
  ratedBy: z.enum(RATERS),
  scores: z.record(z.string(), scoreSchema),
} satisfies { [K in keyof SessionFormValues]: z.ZodType<SessionFormValues[K]> };

/** The session form as it was when its draft was last kept. */
export function sessionValuesFromDraft(
  stored: Record<string, unknown>,
  fallback: SessionFormValues,
): SessionFormValues {
  return valuesFromDraft(stored, fallback, shape);
}
