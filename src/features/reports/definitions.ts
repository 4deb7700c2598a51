/**
 * The label and the definition of every figure in the service report. This is the one place
 * the words live: the page's "How is this worked out?" panels show them, and
 * docs/report-definitions.md repeats them word for word (a test checks that it does).
 */
import type { Figure, ServiceReport } from '../../domain/report';

/** The keys of the report that are figures. */
export type FigureId = {
  [K in keyof ServiceReport]: ServiceReport[K] extends Figure<unknown> ? K : never;
}[keyof ServiceReport];

/** The figures that are one number (or nothing to show). */
export type ScalarFigureId = {
  [K in FigureId]: ServiceReport[K] extends Figure<number | null> ? K : never;
}[FigureId];

export interface FigureDefinition {
  label: string;
  definition: string;
}

/** Said once at the top of the report and in the docs. */
export const WHICH_CASES =
  'The report counts the young people whose first session or closing date falls in the date range (and, when a programme is chosen, only that programme), with all of their goals, sessions and ratings, including any outside the range. A case counts as closed when it is closed now: a case that was closed and then reopened counts as open.';

export const FEW_CASES_NOTE =
  'CORC analyses a measure only where there are at least 10 paired cases, so a figure that rests on fewer than 10 closed cases says so beside it. Plain counts (such as the number of sessions) do not rest on closed cases and are never marked.';

export const FIGURE_DEFINITIONS: Record<FigureId, FigureDefinition> = {
  youngPeople: {
    label: 'Young people',
    definition: 'The number of young people the report counts (see which cases count, above).',
  },
  closedCases: {
    label: 'Closed cases',
    definition: 'Of the young people counted, how many have their case closed now.',
  },
  goals: {
    label: 'Goals',
    definition:
      'Every goal of the young people counted, whatever its status: active, achieved or stopped.',
  },
  goalsPerYoungPerson: {
    label: 'Goals per young person',
    definition:
      'The fewest and the most goals any one young person has (a young person with no goals counts as 0), and the mean: goals divided by young people.',
  },
  goalsPerDomain: {
    label: 'Goals per domain',
    definition:
      'How many goals are linked to each domain of the Resilience Framework. A goal linked to two domains counts in both, so the counts can add up to more than the number of goals.',
  },
  meanBaseline: {
    label: 'Mean baseline',
    definition:
      "A goal's baseline is its earliest rating. The mean is a plain mean over goals with at least two ratings, the same goals as the mean change.",
  },
  meanClosingScore: {
    label: 'Mean closing score',
    definition:
      "A goal's closing score is its latest rating on or before the case's closing date; for an open case, its latest rating. A closing rating taken when the case was closed is simply the latest rating. The mean is a plain mean over goals with at least two ratings.",
  },
  meanChange: {
    label: 'Mean change',
    definition:
      "A goal's change is its closing score minus its baseline, worked out only for goals with at least two ratings (for a closed case, two ratings on or before the closing date). The mean is a plain mean over those goals. Ratings from the young person, a parent or carer and the coach are taken together.",
  },
  goalsImproved: {
    label: 'Goals improved',
    definition: 'Goals whose change is above 0, as a share of goals with at least two ratings.',
  },
  goalsReliablyImproved: {
    label: 'Goals with reliable improvement',
    definition:
      'Goals whose change is at least the reliable change threshold (set in Settings: 3 points unless the service has chosen another), as a share of goals with at least two ratings.',
  },
  goalsReliablyDeteriorated: {
    label: 'Goals with reliable deterioration',
    definition:
      'Goals whose change is at most minus the reliable change threshold, as a share of goals with at least two ratings.',
  },
  youngPeopleImproved: {
    label: 'Young people improved',
    definition:
      'Young people whose goals with two ratings changed by more than 0 on average (their mean change is above 0), as a share of young people with at least one goal with two ratings.',
  },
  youngPeopleReliablyImproved: {
    label: 'Young people with reliable improvement',
    definition:
      'Young people with at least one goal that improved reliably and none that deteriorated reliably, as a share of young people with at least one goal with two ratings.',
  },
  youngPeopleReliablyDeteriorated: {
    label: 'Young people with reliable deterioration',
    definition:
      'Young people with at least one goal that deteriorated reliably, as a share of young people with at least one goal with two ratings.',
  },
  sessions: {
    label: 'Sessions',
    definition: 'Every session of the young people counted.',
  },
  sessionLocations: {
    label: 'Where sessions took place',
    definition: 'The sessions in each place, as a share of all the sessions counted.',
  },
  meanSessionsPerClosedCase: {
    label: 'Mean sessions per closed case',
    definition:
      'Length of support is the number of sessions of a closed case; a closed case with no sessions counts as 0. The mean is over closed cases.',
  },
  closedWithinEightSessions: {
    label: 'Completed within 8 sessions',
    definition: 'Closed cases with 8 sessions or fewer, as a share of closed cases.',
  },
  meanWaitingDays: {
    label: 'Mean wait for a first session',
    definition:
      'Waiting time is the number of days from the referral date to the first session. Only cases with a referral date and at least one session count.',
  },
  seenWithin56Days: {
    label: 'Seen within 8 weeks',
    definition:
      'Cases whose waiting time is 56 days or fewer, as a share of cases with a referral date and a session.',
  },
  seenWithin126Days: {
    label: 'Seen within 18 weeks',
    definition:
      'Cases whose waiting time is 126 days or fewer, as a share of cases with a referral date and a session.',
  },
  meanYoungPersonSatisfaction: {
    label: "Young people's satisfaction",
    definition:
      'The mean of the scores out of 10 that young people gave for satisfaction when their case was closed, from the closure of each closed case. Cases with no score are left out.',
  },
  meanParentCarerSatisfaction: {
    label: "Parents' and carers' satisfaction",
    definition:
      'The mean of the scores out of 10 that parents and carers gave for satisfaction when the case was closed, from the closure of each closed case. Cases with no score are left out.',
  },
  topMoves: {
    label: 'Moves made most',
    definition:
      'The ten resilient moves recorded in the most sessions. A move counts once in each session it was recorded in; moves with the same count are in framework order.',
  },
  nobleTruths: {
    label: 'Noble truths drawn on',
    definition: 'The number of sessions that drew on each noble truth, most first.',
  },
};

/** The figures in the order the page and the docs give them. */
export const FIGURE_ORDER = Object.keys(FIGURE_DEFINITIONS) as FigureId[];
