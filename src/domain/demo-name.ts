/**
 * How demo young people are told apart by name: every one is called "Demo: …" (see
 * ./demo-data.ts). Kept apart from the demo data itself, so the database layer can check a
 * name without loading the demo records.
 */
export const DEMO_NAME_PREFIX = 'Demo: ';

/** True for a demo young person's name ("Demo: Jordan"). */
export function isDemoName(name: unknown): boolean {
  return typeof name === 'string' && name.startsWith(DEMO_NAME_PREFIX);
}
