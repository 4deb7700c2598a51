/** The time limit's figures (see ./unlock-limit.ts): 8 hours unless set, from 1 to 24. */
export const DEFAULT_UNLOCK_LIMIT_HOURS = 8;
export const MIN_UNLOCK_LIMIT_HOURS = 1;
export const MAX_UNLOCK_LIMIT_HOURS = 24;
