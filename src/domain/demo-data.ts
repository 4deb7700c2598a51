/**
 * Fictional demo records for exploring the app. Every name, school and goal here is made up.
 * Built relative to `now` so the demo always looks recent.
 */
import type { DomainId, NobleTruthId } from './framework';
import type {
  Closure,
  ClosureReason,
  Goal,
  GoalOutcome,
  Location,
  Rating,
  Session,
  SetBy,
  YoungPerson,
} from './schemas';
import { CLOSURE_REASON_LABELS } from './schemas';

interface DemoGoal {
  text: string;
  domains: DomainId[];
  moves: string[];
  setBy: SetBy;
  /** Scores: the baseline, then one per session in order (null: not rated in that session). */
  scores: (number | null)[];
  status?: Goal['status'];
  /** For a closed case: the goal's outcome at closure. */
  outcome?: GoalOutcome;
}

interface DemoPerson {
  name: string;
  dateOfBirth: string | null;
  school: string | null;
  programme: string;
  /** Days before now the referral came in. */
  referredDaysAgo: number;
  /** Days before now each session took place, oldest first. */
  sessionsDaysAgo: number[];
  locations: Location[];
  sessionMoves: string[][];
  truths: NobleTruthId[][];
  goals: DemoGoal[];
  closed?: {
    reason: ClosureReason;
    youngPersonSatisfaction: number;
    parentCarerSatisfaction: number;
    youngPersonComments: string;
    parentCarerComments: string;
  };
}

const PEOPLE: DemoPerson[] = [
  {
    name: 'Demo: Amara',
    dateOfBirth: '2015-03-14',
    school: 'Harbour View Primary (fictional)',
    programme: 'Moving on Up 1:1',
    referredDaysAgo: 90,
    sessionsDaysAgo: [70, 56, 42, 28, 14],
    locations: ['school', 'school', 'outdoors', 'school', 'community'],
    sessionMoves: [
      ['core-self-know-yourself', 'belonging-make-friends'],
      ['coping-brave', 'belonging-make-friends'],
      ['learning-organise'],
      ['coping-calm-down', 'core-self-know-yourself'],
      ['learning-achievements', 'coping-brave'],
    ],
    truths: [
      ['accepting'],
      ['commitment'],
      ['accepting', 'enlisting'],
      ['conserving'],
      ['commitment'],
    ],
    goals: [
      {
        text: 'To make friends at high school',
        domains: ['belonging'],
        moves: ['belonging-make-friends', 'coping-brave'],
        setBy: 'young-person',
        scores: [2, 3, 3, 5, 6, 7],
      },
      {
        text: 'Know how to find my way around the new school',
        domains: ['learning', 'coping'],
        moves: ['learning-organise', 'learning-school-life'],
        setBy: 'together',
        scores: [3, 4, 6, 7, 8, 9],
      },
      {
        text: 'Feel less worried on Sunday nights',
        domains: ['coping', 'core-self'],
        moves: ['coping-calm-down', 'coping-tomorrow'],
        setBy: 'young-person',
        scores: [4, null, 4, 3, 5, 6],
      },
    ],
  },
  {
    name: 'Demo: Jordan',
    dateOfBirth: '2012-09-02',
    school: 'Northgate Academy (fictional)',
    programme: 'Self-Harm Support',
    referredDaysAgo: 120,
    sessionsDaysAgo: [98, 84, 63, 49, 35, 21, 7],
    locations: ['home', 'outdoors', 'outdoors', 'community', 'phone', 'outdoors', 'school'],
    sessionMoves: [
      ['core-self-hope'],
      ['coping-calm-down', 'coping-interests'],
      ['coping-calm-down', 'core-self-know-yourself'],
      ['coping-lean-on-others'],
      ['core-self-existing-help', 'coping-lean-on-others'],
      ['coping-interests', 'basics-exercise'],
      ['core-self-know-yourself'],
    ],
    truths: [
      ['accepting'],
      ['accepting'],
      ['commitment'],
      ['enlisting'],
      ['enlisting'],
      ['conserving'],
      ['commitment'],
    ],
    goals: [
      {
        text: 'Use music to distract me from bad thoughts',
        domains: ['coping'],
        moves: ['coping-interests', 'coping-calm-down'],
        setBy: 'young-person',
        scores: [1, 2, 3, 3, 5, 6, 7, 8],
      },
      {
        text: 'Tell someone at home when I am having a hard day',
        domains: ['belonging', 'coping'],
        moves: ['coping-lean-on-others', 'belonging-people-to-count-on'],
        setBy: 'together',
        scores: [2, 2, 2, 4, 4, 5, 6, 6],
      },
      {
        text: 'Go for a walk with the dog after school',
        domains: ['basics'],
        moves: ['basics-exercise'],
        setBy: 'young-person',
        scores: [5, null, null, 6, 8, 9, 10, 10],
        status: 'achieved',
      },
    ],
  },
  {
    name: 'Demo: Riley',
    dateOfBirth: '2011-05-21',
    school: 'Westcliff High (fictional)',
    programme: 'Back on Track',
    referredDaysAgo: 40,
    sessionsDaysAgo: [21, 10],
    locations: ['school', 'school'],
    sessionMoves: [['learning-school-life'], ['learning-mentors', 'coping-solve-problems']],
    truths: [['accepting'], ['enlisting']],
    goals: [
      {
        text: 'Get to school on time three days a week',
        domains: ['learning', 'basics'],
        moves: ['learning-school-life', 'basics-sleep'],
        setBy: 'coach',
        scores: [2, 3, 4],
      },
      {
        text: 'Talk to a teacher when lessons get too much',
        domains: ['learning', 'belonging'],
        moves: ['learning-mentors'],
        setBy: 'together',
        scores: [3, 3, 3],
      },
    ],
  },
  {
    name: 'Demo: Sam',
    dateOfBirth: null,
    school: null,
    programme: 'Walk and Talk',
    referredDaysAgo: 14,
    sessionsDaysAgo: [],
    locations: [],
    sessionMoves: [],
    truths: [],
    goals: [
      {
        text: 'Feel proud of something I made',
        domains: ['core-self'],
        moves: ['core-self-talents', 'learning-achievements'],
        setBy: 'young-person',
        scores: [4],
      },
    ],
  },
  {
    name: 'Demo: Kai',
    dateOfBirth: '2013-11-30',
    school: 'Seafront Primary (fictional)',
    programme: 'Friend for Life',
    referredDaysAgo: 200,
    sessionsDaysAgo: [180, 166, 152, 138, 124, 110],
    locations: ['school', 'outdoors', 'outdoors', 'school', 'community', 'school'],
    sessionMoves: [
      ['belonging-somewhere'],
      ['belonging-good-influences'],
      ['coping-laugh', 'belonging-make-friends'],
      ['belonging-keep-relationships'],
      ['core-self-others-feelings'],
      ['learning-achievements'],
    ],
    truths: [
      ['accepting'],
      ['commitment'],
      ['conserving'],
      ['commitment'],
      ['conserving'],
      ['commitment'],
    ],
    goals: [
      {
        text: 'Join a club outside school',
        domains: ['belonging', 'basics'],
        moves: ['belonging-somewhere', 'basics-play'],
        setBy: 'young-person',
        scores: [1, 2, 4, 6, 8, 9, 10],
        status: 'achieved',
        outcome: 'reached',
      },
      {
        text: 'Stop getting into arguments at break time',
        domains: ['core-self', 'coping'],
        moves: ['core-self-others-feelings', 'coping-boundaries'],
        setBy: 'together',
        scores: [3, 3, 4, 4, 6, 7, 7],
        outcome: 'partly',
      },
    ],
    closed: {
      reason: 'support-completed',
      youngPersonSatisfaction: 9,
      parentCarerSatisfaction: 10,
      youngPersonComments: 'I liked the walks and I have a club now.',
      parentCarerComments: 'Kai is much happier going to school.',
    },
  },
];

const DAY = 24 * 3600_000;

function isoDateDaysAgo(now: Date, days: number): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() - days, 12);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function instantDaysAgo(now: Date, days: number, minutes = 0): string {
  return new Date(now.getTime() - days * DAY + minutes * 60_000).toISOString();
}

export interface DemoRecords {
  youngPeople: YoungPerson[];
  goals: Goal[];
  sessions: Session[];
  ratings: Rating[];
  closures: Closure[];
}

/** Builds the demo caseload. `newId` makes record ids (random in the app, counted in tests). */
export function buildDemoRecords(now: Date, newId: () => string): DemoRecords {
  const out: DemoRecords = { youngPeople: [], goals: [], sessions: [], ratings: [], closures: [] };
  for (const p of PEOPLE) {
    const ypId = newId();
    const createdAt = instantDaysAgo(now, p.referredDaysAgo);
    const lastDay = p.sessionsDaysAgo.at(-1) ?? 0;
    out.youngPeople.push({
      id: ypId,
      name: p.name,
      dateOfBirth: p.dateOfBirth,
      school: p.school,
      programme: p.programme,
      referralDate: isoDateDaysAgo(now, p.referredDaysAgo),
      status: p.closed ? 'closed' : 'open',
      closedOn: p.closed ? isoDateDaysAgo(now, Math.max(lastDay - 1, 0)) : null,
      closureReason: p.closed ? CLOSURE_REASON_LABELS[p.closed.reason] : null,
      createdAt,
      updatedAt: createdAt,
    });
    const sessionIds = p.sessionsDaysAgo.map((daysAgo, i) => {
      const id = newId();
      const at = instantDaysAgo(now, daysAgo);
      out.sessions.push({
        id,
        youngPersonId: ypId,
        date: isoDateDaysAgo(now, daysAgo),
        durationMinutes: 45 + (i % 3) * 15,
        location: p.locations[i] ?? 'school',
        moves: p.sessionMoves[i] ?? [],
        nobleTruths: p.truths[i] ?? [],
        notes: 'Fictional demo notes: talked through the week and what went well.',
        createdAt: at,
        updatedAt: at,
      });
      return id;
    });
    const firstSessionDay = p.sessionsDaysAgo[0] ?? 0;
    for (const [g, goal] of p.goals.entries()) {
      const goalId = newId();
      // Goals are set a week before the first session (or today when there is none).
      const setDaysAgo = firstSessionDay ? firstSessionDay + 7 : 0;
      const setAt = instantDaysAgo(now, setDaysAgo, -120 + g);
      out.goals.push({
        id: goalId,
        youngPersonId: ypId,
        text: goal.text,
        domains: goal.domains,
        moves: goal.moves,
        setBy: goal.setBy,
        status: goal.status ?? 'active',
        createdAt: setAt,
        updatedAt: setAt,
      });
      goal.scores.forEach((score, i) => {
        if (score === null) return;
        const sessionId = i === 0 ? null : (sessionIds[i - 1] ?? null);
        const daysAgo = i === 0 ? setDaysAgo : (p.sessionsDaysAgo[i - 1] ?? 0);
        const ratedAt = instantDaysAgo(now, daysAgo, i === 0 ? -120 + g : g);
        out.ratings.push({
          id: newId(),
          goalId,
          sessionId,
          score,
          ratedAt,
          ratedBy: i > 0 && i % 3 === 0 ? 'coach' : 'young-person',
          updatedAt: ratedAt,
        });
      });
    }
    if (p.closed) {
      const closedOn = isoDateDaysAgo(now, Math.max(lastDay - 1, 0));
      const stamp = instantDaysAgo(now, Math.max(lastDay - 1, 0));
      const ypGoals = out.goals.filter((g) => g.youngPersonId === ypId);
      const goalOutcomes: Record<string, GoalOutcome> = {};
      p.goals.forEach((goal, i) => {
        const id = ypGoals[i]?.id;
        if (id && goal.outcome) goalOutcomes[id] = goal.outcome;
      });
      out.closures.push({
        id: newId(),
        youngPersonId: ypId,
        closedOn,
        reason: p.closed.reason,
        reasonDetail: null,
        goalOutcomes,
        youngPersonSatisfaction: p.closed.youngPersonSatisfaction,
        parentCarerSatisfaction: p.closed.parentCarerSatisfaction,
        youngPersonComments: p.closed.youngPersonComments,
        parentCarerComments: p.closed.parentCarerComments,
        reopenedOn: null,
        reopenReason: null,
        createdAt: stamp,
        updatedAt: stamp,
      });
    }
  }
  return out;
}
