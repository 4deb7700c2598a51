/**
 * The table of the service report's figures: for each, its section, label and definition,
 * its unit, and how to read its value from the report. This is the one place the words
 * live: the page (src/features/reports) and the report CSV both follow this table, and
 * docs/report-definitions.md repeats the words word for word (a test checks that it does).
 */
import type { FigureId, ListFigureId, ScalarFigureId, ServiceReport } from './types';

/** Said once at the top of the report and in the docs. */
export const WHICH_CASES =
  'The report counts the young people whose first session or closing date falls in the date range (and, when a programme is chosen, only that programme), with all of their goals, sessions and ratings, including any outside the range. A case counts as closed when it is closed now: a case that was closed and then reopened counts as open.';

/** Said once at the top of the report and in the docs. */
export const FEW_CASES_NOTE =
  'CORC analyses a measure only where there are at least 10 paired cases, so a figure that rests on fewer than 10 closed cases says so beside it. Plain counts (such as the number of sessions) do not rest on closed cases and are never marked.';

/** The report's sections, in the order the page and the docs give them. */
export const REPORT_SECTIONS = [
  { id: 'people', title: 'Young people and goals' },
  { id: 'domains', title: 'Goals per domain' },
  { id: 'goals', title: 'Progress on goals' },
  { id: 'young-people', title: 'Progress per young person' },
  { id: 'sessions', title: 'Sessions' },
  { id: 'support', title: 'Length of support and waiting time' },
  { id: 'satisfaction', title: 'Satisfaction' },
  { id: 'practice', title: 'Moves and noble truths' },
] as const;

export type ReportSectionId = (typeof REPORT_SECTIONS)[number]['id'];

/**
 * What kind of number a value is, which sets how the page writes it ("60%", "+2.6",
 * "71 days", "9.5 out of 10") and how the CSV rounds it (counts as they are, shares as
 * percentages, everything else as a mean).
 */
export type ValueKind = 'count' | 'mean' | 'change' | 'share' | 'days' | 'out-of-ten';

/** One number of a figure that is a list: one row of the CSV. */
export interface FigureListItem {
  /** The domain, place, move or noble truth; for goals per young person, least, most or mean. */
  item: string;
  value: number | null;
  kind: ValueKind;
}

interface FigureSpecBase {
  section: ReportSectionId;
  label: string;
  /** The "How is this worked out?" words. */
  definition: string;
  /** The unit of its value in the CSV. */
  unit: string;
  /** Whether the page says what the figure rests on ("From 5 goals"); plain counts do not. */
  showBasis: boolean;
}

/** A figure that is one number: its value is `report[id].value`. */
export interface ScalarFigureSpec extends FigureSpecBase {
  form: 'scalar';
  kind: ValueKind;
}

/** A figure that is more than one number, read as a list of items. */
export interface ListFigureSpec extends FigureSpecBase {
  form: 'list';
  items: (report: ServiceReport) => FigureListItem[];
}

export type FigureSpec = ScalarFigureSpec | ListFigureSpec;

type FigureTable = {
  [K in FigureId]: K extends ScalarFigureId ? ScalarFigureSpec : ListFigureSpec;
};

/** Every figure of the service report, in the order the page and the docs give them. */
export const REPORT_FIGURES: FigureTable = {
  youngPeople: {
    section: 'people',
    label: 'Young people',
    definition: 'The number of young people the report counts (see which cases count, above).',
    form: 'scalar',
    kind: 'count',
    unit: 'young people',
    showBasis: false,
  },
  closedCases: {
    section: 'people',
    label: 'Closed cases',
    definition: 'Of the young people counted, how many have their case closed now.',
    form: 'scalar',
    kind: 'count',
    unit: 'closed cases',
    showBasis: false,
  },
  goals: {
    section: 'people',
    label: 'Goals',
    definition:
      'Every goal of the young people counted, whatever its status: active, achieved or stopped.',
    form: 'scalar',
    kind: 'count',
    unit: 'goals',
    showBasis: false,
  },
  goalsPerYoungPerson: {
    section: 'people',
    label: 'Goals per young person',
    definition:
      'The fewest and the most goals any one young person has (a young person with no goals counts as 0), and the mean: goals divided by young people.',
    form: 'list',
    items: ({ goalsPerYoungPerson: { value } }) => [
      { item: 'least', value: value?.least ?? null, kind: 'count' },
      { item: 'most', value: value?.most ?? null, kind: 'count' },
      { item: 'mean', value: value?.mean ?? null, kind: 'mean' },
    ],
    unit: 'goals',
    showBasis: true,
  },
  goalsPerDomain: {
    section: 'domains',
    label: 'Goals per domain',
    definition:
      'How many goals are linked to each domain of the Resilience Framework. A goal linked to two domains counts in both, so the counts can add up to more than the number of goals.',
    form: 'list',
    items: ({ goalsPerDomain: { value } }) => [
      ...value.domains.map((d) => ({ item: d.name, value: d.count, kind: 'count' as const })),
      {
        item: 'Goals linked to more than one domain (counted in each)',
        value: value.multiDomainGoals,
        kind: 'count',
      },
    ],
    unit: 'goals',
    showBasis: true,
  },
  meanBaseline: {
    section: 'goals',
    label: 'Mean baseline',
    definition:
      "A goal's baseline is its earliest rating. The mean is a plain mean over goals with at least two ratings, the same goals as the mean change.",
    form: 'scalar',
    kind: 'mean',
    unit: 'out of 10',
    showBasis: true,
  },
  meanClosingScore: {
    section: 'goals',
    label: 'Mean closing score',
    definition:
      "A goal's closing score is its latest rating on or before the case's closing date; for an open case, its latest rating. A closing rating taken when the case was closed is simply the latest rating. The mean is a plain mean over goals with at least two ratings.",
    form: 'scalar',
    kind: 'mean',
    unit: 'out of 10',
    showBasis: true,
  },
  meanChange: {
    section: 'goals',
    label: 'Mean change',
    definition:
      "A goal's change is its closing score minus its baseline, worked out only for goals with at least two ratings (for a closed case, two ratings on or before the closing date). The mean is a plain mean over those goals. Ratings from the young person, a parent or carer and the coach are taken together.",
    form: 'scalar',
    kind: 'change',
    unit: 'points',
    showBasis: true,
  },
  goalsImproved: {
    section: 'goals',
    label: 'Goals improved',
    definition: 'Goals whose change is above 0, as a share of goals with at least two ratings.',
    form: 'scalar',
    kind: 'share',
    unit: '%',
    showBasis: true,
  },
  goalsReliablyImproved: {
    section: 'goals',
    label: 'Goals with reliable improvement',
    definition:
      'Goals whose change is at least the reliable change threshold (set in Settings: 3 points unless the service has chosen another), as a share of goals with at least two ratings.',
    form: 'scalar',
    kind: 'share',
    unit: '%',
    showBasis: true,
  },
  goalsReliablyDeteriorated: {
    section: 'goals',
    label: 'Goals with reliable deterioration',
    definition:
      'Goals whose change is at most minus the reliable change threshold, as a share of goals with at least two ratings.',
    form: 'scalar',
    kind: 'share',
    unit: '%',
    showBasis: true,
  },
  youngPeopleImproved: {
    section: 'young-people',
    label: 'Young people improved',
    definition:
      'Young people whose goals with two ratings changed by more than 0 on average (their mean change is above 0), as a share of young people with at least one goal with two ratings.',
    form: 'scalar',
    kind: 'share',
    unit: '%',
    showBasis: true,
  },
  youngPeopleReliablyImproved: {
    section: 'young-people',
    label: 'Young people with reliable improvement',
    definition:
      'Young people with at least one goal that improved reliably and none that deteriorated reliably, as a share of young people with at least one goal with two ratings.',
    form: 'scalar',
    kind: 'share',
    unit: '%',
    showBasis: true,
  },
  youngPeopleReliablyDeteriorated: {
    section: 'young-people',
    label: 'Young people with reliable deterioration',
    definition:
      'Young people with at least one goal that deteriorated reliably, as a share of young people with at least one goal with two ratings.',
    form: 'scalar',
    kind: 'share',
    unit: '%',
    showBasis: true,
  },
  sessions: {
    section: 'sessions',
    label: 'Sessions',
    definition: 'Every session of the young people counted.',
    form: 'scalar',
    kind: 'count',
    unit: 'sessions',
    showBasis: false,
  },
  sessionLocations: {
    section: 'sessions',
    label: 'Where sessions took place',
    definition: 'The sessions in each place, as a share of all the sessions counted.',
    form: 'list',
    items: ({ sessionLocations: { value } }) =>
      value.map((l) => ({ item: l.label, value: l.share, kind: 'share' })),
    unit: '%',
    showBasis: false,
  },
  meanSessionsPerClosedCase: {
    section: 'support',
    label: 'Mean sessions per closed case',
    definition:
      'Length of support is the number of sessions of a closed case; a closed case with no sessions counts as 0. The mean is over closed cases.',
    form: 'scalar',
    kind: 'mean',
    unit: 'sessions',
    showBasis: true,
  },
  closedWithinEightSessions: {
    section: 'support',
    label: 'Completed within 8 sessions',
    definition: 'Closed cases with 8 sessions or fewer, as a share of closed cases.',
    form: 'scalar',
    kind: 'share',
    unit: '%',
    showBasis: true,
  },
  meanWaitingDays: {
    section: 'support',
    label: 'Mean wait for a first session',
    definition:
      'Waiting time is the number of days from the referral date to the first session. Only cases with a referral date and at least one session count.',
    form: 'scalar',
    kind: 'days',
    unit: 'days',
    showBasis: true,
  },
  seenWithin56Days: {
    section: 'support',
    label: 'Seen within 8 weeks',
    definition:
      'Cases whose waiting time is 56 days or fewer, as a share of cases with a referral date and a session.',
    form: 'scalar',
    kind: 'share',
    unit: '%',
    showBasis: true,
  },
  seenWithin126Days: {
    section: 'support',
    label: 'Seen within 18 weeks',
    definition:
      'Cases whose waiting time is 126 days or fewer, as a share of cases with a referral date and a session.',
    form: 'scalar',
    kind: 'share',
    unit: '%',
    showBasis: true,
  },
  meanYoungPersonSatisfaction: {
    section: 'satisfaction',
    label: "Young people's satisfaction",
    definition:
      'The mean of the scores out of 10 that young people gave for satisfaction when their case was closed, from the closure of each closed case. Cases with no score are left out.',
    form: 'scalar',
    kind: 'out-of-ten',
    unit: 'out of 10',
    showBasis: true,
  },
  meanParentCarerSatisfaction: {
    section: 'satisfaction',
    label: "Parents' and carers' satisfaction",
    definition:
      'The mean of the scores out of 10 that parents and carers gave for satisfaction when the case was closed, from the closure of each closed case. Cases with no score are left out.',
    form: 'scalar',
    kind: 'out-of-ten',
    unit: 'out of 10',
    showBasis: true,
  },
  topMoves: {
    section: 'practice',
    label: 'Moves made most',
    definition:
      'The ten resilient moves recorded in the most sessions. A move counts once in each session it was recorded in; moves with the same count are in framework order.',
    form: 'list',
    items: ({ topMoves: { value } }) =>
      value.map((m) => ({ item: m.name, value: m.count, kind: 'count' })),
    unit: 'sessions',
    showBasis: true,
  },
  nobleTruths: {
    section: 'practice',
    label: 'Noble truths drawn on',
    definition: 'The number of sessions that drew on each noble truth, most first.',
    form: 'list',
    items: ({ nobleTruths: { value } }) =>
      value.map((t) => ({ item: t.name, value: t.count, kind: 'count' })),
    unit: 'sessions',
    showBasis: true,
  },
};

/** The figures in the order the page and the docs give them. */
export const FIGURE_ORDER = Object.keys(REPORT_FIGURES) as FigureId[];

/** The figures of one section, in order. */
export function figuresOfSection(section: ReportSectionId): FigureId[] {
  return FIGURE_ORDER.filter((id) => REPORT_FIGURES[id].section === section);
}

/** True for a figure that is one number (REPORT_FIGURES' type keeps `form` true to the report). */
export function isScalarFigure(id: FigureId): id is ScalarFigureId {
  return REPORT_FIGURES[id].form === 'scalar';
}

/** True for a figure that is a list of numbers. */
export function isListFigure(id: FigureId): id is ListFigureId {
  return REPORT_FIGURES[id].form === 'list';
}
