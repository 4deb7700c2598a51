/**
 * The `fetch` PouchDB's HTTP adapter is given for the caseload database. A connection that
 * fails (no network, the server gone, the connection cut mid-answer) comes back as an answer,
 * 503 with `{ error: 'unreachable' }`, rather than as a rejected promise, and every answer is
 * read whole before PouchDB sees it.
 *
 * Why: PouchDB 9's replication asks the source for its info after each batch to report
 * progress, without handling a failure of that request (`src.info().then(…)` in its
 * replicate.js); a connection cut at that moment is an unhandled rejection. PouchDB treats a
 * 503 like any failed request: the replication pauses and retries with its back-off. A
 * request PouchDB cancels itself (an aborted signal) still fails as it did.
 */

const NO_BODY = new Set([101, 204, 205, 304]);

/** The error name a cut connection is given (see ./problems.ts). */
export const UNREACHABLE = 'unreachable';

export async function steadyFetch(input: string | Request, init?: RequestInit): Promise<Response> {
  try {
    const response = await fetch(input, init);
    const body = NO_BODY.has(response.status) ? null : await response.arrayBuffer();
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  } catch (error) {
    if (init?.signal?.aborted) throw error;
    return new Response(
      JSON.stringify({ error: UNREACHABLE, reason: 'The team server cannot be reached.' }),
      { status: 503, headers: { 'content-type': 'application/json' } },
    );
  }
}
