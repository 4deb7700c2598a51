/**
 * Zod schemas for every record the app stores, matching the backup format version 1
 * (shared/spec/backup-format.md), and for the forms that create them.
 *
 * Records are validated at the repository boundary before any write.
 */
import { z } from 'zod';
import { isIsoDate } from '../lib/dates';
import { DOMAIN_IDS, NOBLE_TRUTH_IDS, isMoveId } from './framework';
import { scoreSchema } from './rating-rules';
import {
  CASE_STATUSES,
  CLOSURE_REASONS,
  GOAL_OUTCOMES,
  GOAL_STATUSES,
  LOCATIONS,
  MAP_EXAMPLE_MAX,
  MAP_SAVED_BY,
  MAP_TILE_STATES,
  type MapSavedBy,
  RATERS,
  SET_BY,
} from './labels';

// The app's Content-Security-Policy forbids eval, so zod must not try its compiled
// (new Function) fast path: with jitless it never probes for it.
z.config({ jitless: true });

// The choices and their labels live in ./labels (free of zod); re-exported for every importer.
export * from './labels';

export const isoDateSchema = z
  .string()
  .refine(isIsoDate, { message: 'Enter a real date (day, month and year).' });

export const instantSchema = z.iso.datetime({ offset: true });

export const idSchema = z.string().min(1);

export const domainIdSchema = z.enum(DOMAIN_IDS, { message: 'Unknown domain.' });

export const moveIdSchema = z.string().refine(isMoveId, { message: 'Unknown resilient move.' });

export const nobleTruthIdSchema = z.enum(NOBLE_TRUTH_IDS, { message: 'Unknown noble truth.' });

const timestamps = { createdAt: instantSchema, updatedAt: instantSchema };

const nameSchema = z
  .string()
  .trim()
  .min(1, { message: 'Enter a first name or initials.' })
  .max(100, { message: 'Keep the name to 100 characters or fewer.' });

const goalTextSchema = z
  .string()
  .trim()
  .min(1, { message: "Write the goal in the young person's own words." })
  .max(500, { message: 'Keep the goal to 500 characters or fewer.' });

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { message: `Keep the ${label} to ${max} characters or fewer.` })
    .nullable();

export const youngPersonSchema = z.object({
  id: idSchema,
  name: nameSchema,
  dateOfBirth: isoDateSchema.nullable(),
  school: optionalText(200, 'school name'),
  programme: optionalText(100, 'programme name'),
  referralDate: isoDateSchema.nullable(),
  status: z.enum(CASE_STATUSES),
  closedOn: isoDateSchema.nullable(),
  closureReason: optionalText(500, 'reason').nullable(),
  ...timestamps,
});
export type YoungPerson = z.infer<typeof youngPersonSchema>;

export const goalSchema = z.object({
  id: idSchema,
  youngPersonId: idSchema,
  text: goalTextSchema,
  domains: z.array(domainIdSchema).min(1, { message: 'Choose at least one domain.' }),
  moves: z.array(moveIdSchema),
  setBy: z.enum(SET_BY),
  status: z.enum(GOAL_STATUSES),
  ...timestamps,
});
export type Goal = z.infer<typeof goalSchema>;

export const durationSchema = z
  .number({ message: 'Enter the length in whole minutes.' })
  .int({ message: 'Enter the length in whole minutes.' })
  .min(0, { message: 'The length cannot be negative.' })
  .max(600, { message: 'A session can be at most 600 minutes (10 hours).' });

export const sessionSchema = z.object({
  id: idSchema,
  youngPersonId: idSchema,
  date: isoDateSchema,
  durationMinutes: durationSchema.nullable(),
  location: z.enum(LOCATIONS, { message: 'Choose where the session took place.' }),
  moves: z.array(moveIdSchema),
  nobleTruths: z.array(nobleTruthIdSchema),
  notes: z.string().max(20000, { message: 'Notes can be at most 20,000 characters.' }),
  ...timestamps,
});
export type Session = z.infer<typeof sessionSchema>;

export const ratingSchema = z.object({
  id: idSchema,
  goalId: idSchema,
  sessionId: idSchema.nullable(),
  score: scoreSchema,
  ratedAt: instantSchema,
  ratedBy: z.enum(RATERS),
  /**
   * When the rating last changed (schema v5; backup format v2): its score or who gave it, or
   * its session's date. Never before `ratedAt`'s record was made, and what a merge compares.
   */
  updatedAt: instantSchema,
});
export type Rating = z.infer<typeof ratingSchema>;

export const settingSchema = z.object({
  key: z.string().min(1),
  value: z.unknown(),
});
export type Setting = z.infer<typeof settingSchema>;

// ---------------------------------------------------------------------------
// Form inputs. Empty optional fields arrive as '' or null and are stored as null.

const emptyToNull = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? null : value;

const optionalDate = z.preprocess(emptyToNull, isoDateSchema.nullable());

/** The "Add young person" and "Edit" form. `today` rules out dates in the future. */
export function youngPersonInputSchema(today: string) {
  return z.object({
    name: nameSchema,
    dateOfBirth: optionalDate.refine((d) => d === null || d <= today, {
      message: 'The date of birth cannot be in the future.',
    }),
    school: z.preprocess(emptyToNull, optionalText(200, 'school name')),
    programme: z.preprocess(emptyToNull, optionalText(100, 'programme name')),
    referralDate: optionalDate.refine((d) => d === null || d <= today, {
      message: 'The referral date cannot be in the future.',
    }),
  });
}
export type YoungPersonInput = z.input<ReturnType<typeof youngPersonInputSchema>>;

/** The "Add goal" form: the goal and its baseline rating, taken now. */
export const goalInputSchema = z.object({
  text: goalTextSchema,
  domains: z.array(domainIdSchema).min(1, { message: 'Choose at least one domain.' }),
  moves: z.array(moveIdSchema),
  setBy: z.enum(SET_BY, { message: 'Choose who set the goal.' }),
  baseline: z
    .number({ message: 'Rate the goal now: choose a score from 0 to 10.' })
    .pipe(scoreSchema),
  baselineRatedBy: z.enum(RATERS, { message: 'Choose who gave the rating.' }),
});
export type GoalInput = z.input<typeof goalInputSchema>;

/** Linking a goal to the framework can change after it is set; its words cannot. */
export const goalLinksInputSchema = goalInputSchema.pick({ domains: true, moves: true });
export type GoalLinksInput = z.input<typeof goalLinksInputSchema>;

export const sessionRatingInputSchema = z.object({
  goalId: idSchema,
  score: z.number({ message: 'Set or confirm a score from 0 to 10.' }).pipe(scoreSchema),
});

/** The "Log session" form. `today` rules out sessions dated in the future. */
export function sessionInputSchema(today: string) {
  return z.object({
    date: isoDateSchema.refine((d) => d <= today, {
      message: 'The session date cannot be after today.',
    }),
    durationMinutes: z.preprocess(
      (v) => (v === '' || v === undefined ? null : typeof v === 'string' ? Number(v) : v),
      durationSchema.nullable(),
    ),
    location: z.enum(LOCATIONS, { message: 'Choose where the session took place.' }),
    moves: z.array(moveIdSchema),
    nobleTruths: z.array(nobleTruthIdSchema),
    notes: z.string().max(20000, { message: 'Notes can be at most 20,000 characters.' }),
    ratedBy: z.enum(RATERS, { message: 'Choose who gave the ratings.' }),
    ratings: z.array(sessionRatingInputSchema),
  });
}
export type SessionInput = z.input<ReturnType<typeof sessionInputSchema>>;

// ---------------------------------------------------------------------------
// Case closure (schema v2). Kept in its own table so the backup format's records stay as
// they are; a case closed and reopened twice has two closures.

const satisfactionSchema = z
  .number({ message: 'Choose a number from 0 to 10.' })
  .int({ message: 'Satisfaction is a whole number from 0 to 10.' })
  .min(0, { message: 'Satisfaction is a whole number from 0 to 10.' })
  .max(10, { message: 'Satisfaction is a whole number from 0 to 10.' })
  .nullable();

const commentSchema = z
  .string()
  .trim()
  .max(2000, { message: 'Keep comments to 2,000 characters or fewer.' })
  .nullable();

export const closureSchema = z.object({
  id: idSchema,
  youngPersonId: idSchema,
  closedOn: isoDateSchema,
  reason: z.enum(CLOSURE_REASONS, { message: 'Choose a reason for closing.' }),
  /** Free text when the reason is "other" (or more detail for any reason). */
  reasonDetail: commentSchema,
  /** The outcome of each goal that was active at closure, by goal id. */
  goalOutcomes: z.record(idSchema, z.enum(GOAL_OUTCOMES)),
  youngPersonSatisfaction: satisfactionSchema,
  parentCarerSatisfaction: satisfactionSchema,
  youngPersonComments: commentSchema,
  parentCarerComments: commentSchema,
  /** Set when the case is reopened after this closure. */
  reopenedOn: isoDateSchema.nullable(),
  reopenReason: commentSchema,
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type Closure = z.infer<typeof closureSchema>;

// ---------------------------------------------------------------------------
// Resilience map (schema v3). Each save keeps a dated snapshot of which moves the young
// person already does ("strength") and would like to try ("try"); blank tiles are absent.

const mapTileStateSchema = z.enum(MAP_TILE_STATES, {
  message: "Choose 'I already do this' or 'I'd like to try this'.",
});

const mapExampleSchema = z
  .string()
  .trim()
  .min(1, { message: 'Write the example, or leave it out.' })
  .max(MAP_EXAMPLE_MAX, {
    message: `Keep the example to ${MAP_EXAMPLE_MAX} characters or fewer.`,
  });

/** Keyed by move id; an unknown move id is refused with the key as its path. */
const byMoveId = <T extends z.ZodType>(value: T) =>
  z.record(z.string().refine(isMoveId), value, {
    error: (issue) => (issue.code === 'invalid_key' ? 'Unknown resilient move.' : undefined),
  });

export const mapTilesSchema = byMoveId(mapTileStateSchema);
/** Move id to its state; a blank tile is absent. */
export type MapTiles = z.infer<typeof mapTilesSchema>;

export const mapExamplesSchema = byMoveId(mapExampleSchema);
/** Move id to an example in the young person's own words. */
export type MapExamples = z.infer<typeof mapExamplesSchema>;

export const resilienceMapSchema = z.object({
  id: idSchema,
  youngPersonId: idSchema,
  savedAt: instantSchema,
  savedBy: z.enum(MAP_SAVED_BY, { message: 'Say who saved the map.' }),
  tiles: mapTilesSchema,
  examples: mapExamplesSchema,
  /** When the snapshot last changed (schema v5): a snapshot is never edited, so its savedAt. */
  updatedAt: instantSchema,
});
export type ResilienceMap = z.infer<typeof resilienceMapSchema>;

/**
 * Saving a map. Blank examples (empty or spaces only) are dropped, so a cleared field
 * simply has no example; tiles left blank are absent (undefined values are dropped too).
 */
export const resilienceMapInputSchema = z.object({
  tiles: z.preprocess(dropBlankEntries, mapTilesSchema),
  examples: z.preprocess(dropBlankEntries, mapExamplesSchema),
  savedBy: z.enum(MAP_SAVED_BY, { message: 'Say who saved the map.' }),
});
export interface ResilienceMapInput {
  tiles: Readonly<MapTiles>;
  /** Blank examples ('' or spaces) are allowed here and dropped. */
  examples: Readonly<MapExamples>;
  savedBy: MapSavedBy;
}

function dropBlankEntries(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, v]) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === ''),
    ),
  );
}

// ---------------------------------------------------------------------------
// Deletions (schema v5; backup format v2). Deleting a record here leaves one of these, in
// the same transaction, so that a merge of an older backup (and, later, sync) does not bring
// the record back. Ids and times only: nothing about the record itself.

/** The tables whose records can be deleted, and so have deletion records. */
export const DELETABLE_TABLES = [
  'youngPeople',
  'goals',
  'sessions',
  'ratings',
  'closures',
  'resilienceMaps',
] as const;
export type DeletableTable = (typeof DELETABLE_TABLES)[number];

export const deletionSchema = z.object({
  table: z.enum(DELETABLE_TABLES, { message: 'Unknown kind of record.' }),
  id: idSchema,
  deletedAt: instantSchema,
});
export type Deletion = z.infer<typeof deletionSchema>;
