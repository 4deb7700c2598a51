/** The time limit's bounds, in hours, for ./unlock-limit.ts and its zod schema. */
export const DEFAULT_UNLOCK_LIMIT_HOURS = 8;
export const MIN_UNLOCK_LIMIT_HOURS = 1;
export const MAX_UNLOCK_LIMIT_HOURS = 24;
