/**
 * Long work cut into slices, with a pause between them. A restore runs in one transaction
 * yet must not freeze the page, so comparing, writing and turning records into JSON stop
 * every SLICE records to let the page draw and answer taps (see `pacer` in
 * src/db/repositories/backup/pacing.ts, which makes the pause).
 */

/** Gives the page a turn during long work; resolves when the work may go on. */
export type Pace = () => PromiseLike<void>;

/** Records compared, turned into JSON or written between two turns of the page. */
export const SLICE = 500;
