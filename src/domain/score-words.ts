/**
 * Goal Based Outcomes scores (0-10) said in words, so a score is never just a number.
 *
 * The wording is warm and describes a journey, not a grade: "nearly there", not "8/10".
 */
// The bounds of a score are rating rules, kept with the others.
import { MAX_SCORE, isScore } from './rating-rules';

export type ScoreWording = 'coach' | 'young-person';

const PHRASES = [
  'not started',
  'just started',
  'just started',
  'getting going',
  'getting going, nearly half way',
  'half way',
  'more than half way',
  'more than half way',
  'nearly there',
  'nearly there',
  'reached it',
] as const;

/**
 * The short phrase for a score, e.g. 6 -> "more than half way".
 * Young people get a little celebration at 10 ("reached it!").
 * Throws a RangeError for anything that is not a whole number from 0 to 10.
 */
export function scorePhrase(score: number, wording: ScoreWording = 'coach'): string {
  if (!isScore(score)) throw new RangeError(`Not a score from 0 to 10: ${score}`);
  const phrase = PHRASES[score] ?? '';
  return score === MAX_SCORE && wording === 'young-person' ? `${phrase}!` : phrase;
}

/**
 * A score said in words, e.g. 6 -> "6 out of 10: more than half way".
 * Throws a RangeError for anything that is not a whole number from 0 to 10.
 */
export function scoreInWords(score: number, wording: ScoreWording = 'coach'): string {
  return `${score} out of ${MAX_SCORE}: ${scorePhrase(score, wording)}`;
}
