/**
 * The fixed choices of every record (statuses, who rated, where a session took place...) and
 * their labels. Free of zod, so that screens which only read and show records (the caseload,
 * the first screen) load without the validation code; src/domain/schemas.ts builds its
 * schemas from these and re-exports them.
 */

export const CASE_STATUSES = ['open', 'closed'] as const;
export const GOAL_STATUSES = ['active', 'achieved', 'stopped'] as const;
export const SET_BY = ['young-person', 'coach', 'together'] as const;
export const RATERS = ['young-person', 'coach', 'parent-carer'] as const;
export const LOCATIONS = [
  'school',
  'home',
  'outdoors',
  'community',
  'online',
  'phone',
  'other',
] as const;

export type CaseStatus = (typeof CASE_STATUSES)[number];
export type GoalStatus = (typeof GOAL_STATUSES)[number];
export type SetBy = (typeof SET_BY)[number];
export type Rater = (typeof RATERS)[number];
export type Location = (typeof LOCATIONS)[number];

export const LOCATION_LABELS: Record<Location, string> = {
  school: 'School',
  home: 'Home',
  outdoors: 'Outdoors',
  community: 'Community venue',
  online: 'Online',
  phone: 'Phone',
  other: 'Other',
};

export const SET_BY_LABELS: Record<SetBy, string> = {
  'young-person': 'The young person',
  coach: 'The coach',
  together: 'Together',
};

export const RATER_LABELS: Record<Rater, string> = {
  'young-person': 'Young person',
  coach: 'Coach',
  'parent-carer': 'Parent or carer',
};

export const GOAL_STATUS_LABELS: Record<GoalStatus, string> = {
  active: 'Active',
  achieved: 'Achieved',
  stopped: 'Stopped',
};

/** Programmes offered as suggestions; free text is allowed too. */
export const PROGRAMME_SUGGESTIONS = [
  'Moving on Up 1:1',
  'Back on Track',
  'Self-Harm Support',
  'Walk and Talk',
  'Friend for Life',
] as const;

// Case closure (schema v2).

export const CLOSURE_REASONS = [
  'support-completed',
  'moved-away',
  'declined',
  'transferred',
  'other',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export const CLOSURE_REASON_LABELS: Record<ClosureReason, string> = {
  'support-completed': 'Support completed',
  'moved-away': 'Moved away',
  declined: 'Declined further support',
  transferred: 'Transferred',
  other: 'Other',
};

export const GOAL_OUTCOMES = ['reached', 'partly', 'not-yet', 'stopped'] as const;
export type GoalOutcome = (typeof GOAL_OUTCOMES)[number];

export const GOAL_OUTCOME_LABELS: Record<GoalOutcome, string> = {
  reached: 'Reached',
  partly: 'Partly reached',
  'not-yet': 'Not yet',
  stopped: 'Stopped',
};

// Resilience map (schema v3): what the young person already does, and would like to try.

export const MAP_TILE_STATES = ['strength', 'try'] as const;
export type MapTileState = (typeof MAP_TILE_STATES)[number];

export const MAP_SAVED_BY = ['young-person', 'coach'] as const;
export type MapSavedBy = (typeof MAP_SAVED_BY)[number];

export const MAP_TILE_STATE_LABELS: Record<MapTileState, string> = {
  strength: 'I already do this',
  try: "I'd like to try this",
};

export const MAP_EXAMPLE_MAX = 200;
