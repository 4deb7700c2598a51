import { readIdList } from '../../lib/objects';
import { getSetting } from '../queries';
import { DEMO_IDS_KEY } from '../settings-keys';

/**
 * Which young people are demo data. Kept apart from ./demo (which builds and validates the
 * demo records) so the caseload can show its demo banner without loading that code.
 */

/** The ids of demo young people still in the caseload. */
export async function getDemoIds(): Promise<string[]> {
  return readIdList(await getSetting<unknown>(DEMO_IDS_KEY));
}
