/** The goal form's draft: what is kept as it is typed, and how it comes back. */
import { z } from 'zod';
import { DOMAIN_IDS } from '../../domain/framework';
import { valuesFromDraft } from '../../domain/draft';
import { scoreSchema } from '../../domain/rating-rules';
import { RATERS, SET_BY } from '../../domain/schemas';
import type { GoalFormValues } from './goal-model';

const shape = {
  text: z.string(),
  domains: z.array(z.enum(DOMAIN_IDS)),
  moves: z.array(z.string()),
  setBy: z.enum(SET_BY).nullable(),
  baseline: scoreSchema.nullable(),
  baselineRatedBy: z.enum(RATERS),
} satisfies { [K in keyof GoalFormValues]: z.ZodType<GoalFormValues[K]> };

/**
 * A goal draft belongs to one way into the form: a new goal, a goal started from a move
 * (`move:<id>`) or a change to a goal (`replaces:<id>`). Offered only on the same way in.
 */
export function goalDraftContext(replacesId: string | null, moveId: string | null): string {
  if (replacesId) return `replaces:${replacesId}`;
  if (moveId) return `move:${moveId}`;
  return 'new';
}

export function goalDraftValues(values: GoalFormValues, context: string): Record<string, unknown> {
  return { ...values, context };
}

/** The goal form as it was when its draft was last kept, or null if it is for another way in. */
export function goalValuesFromDraft(
  stored: Record<string, unknown>,
  context: string,
  fallback: GoalFormValues,
): GoalFormValues | null {
  if (stored.context !== context) return null;
  return valuesFromDraft(stored, fallback, shape);
}
