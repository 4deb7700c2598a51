import { readIdList } from '../../lib/objects';
import { getSetting } from '../queries';

/**
 * Which young people are demo data. Kept apart from ./demo (which builds and validates the
 * demo records) so the caseload can show its demo banner without loading that code.
 */

/** Settings key listing the ids of the demo young people, so they can be removed later. */
export const DEMO_IDS_KEY = 'demoYoungPersonIds';

/** The ids of demo young people still in the caseload. */
export async function getDemoIds(): Promise<string[]> {
  return readIdList(await getSetting<unknown>(DEMO_IDS_KEY));
}
