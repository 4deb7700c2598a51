/**
 * Reading and writing documents of the team database with plain `fetch` (../couch-http.ts):
 * the app through its same-origin `/couchdb/`, tests with the test server's URL. Every answer
 * is checked with zod, and every failure is a TeamProblem in plain words, never a throw.
 */
import { z } from 'zod';
import {
  failure,
  normaliseAddress,
  problem,
  request,
  unexpected,
  unreachable,
  type Answer,
  type TeamCredentials,
  type TeamResult,
} from '../couch-http';
import { TEAM_DATABASE_PATTERN, signIn } from '../provision';

/** Where the team's joining happens, and who is asking. */
export interface TeamDirectory {
  /** The server's root: `/couchdb` in the app, a full URL in scripts and tests. */
  address: string;
  /** This person's user name and password on the server. */
  credentials: TeamCredentials;
  /** The team database: `team-` and 32 hex digits. */
  database: string;
}

const writtenSchema = z.object({ ok: z.literal(true), id: z.string(), rev: z.string() });
const revisionSchema = z.object({ _rev: z.string().min(1) });
const allDocsSchema = z.object({
  rows: z.array(z.object({ id: z.string(), doc: z.unknown().optional() })),
});

type Failure = { ok: false; problem: ReturnType<typeof problem>['problem'] };

function badTeam(database: string): Failure {
  return problem('invalid-name', `"${database}" is not the name of a team database.`);
}

/** A refused request: a wrong password, or an account that is not on the team. */
async function refused(team: TeamDirectory, root: string, answer: Answer): Promise<Failure> {
  if (answer.status !== 401 && answer.status !== 403) return failure(root, answer);
  const signedIn = await signIn(root, team.credentials);
  if (!signedIn.ok) return signedIn;
  return problem(
    'not-allowed',
    `${team.credentials.name} is not on the team on this server. Ask the service lead to check the team's members.`,
    answer.status,
  );
}

function path(team: TeamDirectory, id: string, query = ''): string {
  return `/${team.database}/${encodeURIComponent(id)}${query}`;
}

/** A document, or null when there is none (never written, or deleted). */
export async function readDocument(team: TeamDirectory, id: string): Promise<TeamResult<unknown>> {
  const root = normaliseAddress(team.address);
  if (!TEAM_DATABASE_PATTERN.test(team.database)) return badTeam(team.database);
  const answer = await request(root, path(team, id), { credentials: team.credentials });
  if (!answer) return unreachable(root);
  if (answer.status === 404) {
    // A missing database says so in its reason; a missing document is an ordinary "none".
    const reason = z.object({ reason: z.string() }).safeParse(answer.body);
    if (reason.success && /no_db_file|database/i.test(reason.data.reason)) {
      return problem(
        'not-found',
        'The team database is not on the team server. Check its name with your service lead.',
        404,
      );
    }
    return { ok: true, value: null };
  }
  if (answer.status !== 200) return refused(team, root, answer);
  return { ok: true, value: answer.body };
}

/**
 * Writes a document. `rev` is the revision it replaces (none for a new document); with
 * `replace`, whatever revision the server holds is replaced. A new document whose id is taken
 * is an `already-exists` problem.
 */
export async function writeDocument(
  team: TeamDirectory,
  document: { _id: string } & Record<string, unknown>,
  options: { rev?: string; replace?: boolean } = {},
): Promise<TeamResult<{ rev: string }>> {
  const root = normaliseAddress(team.address);
  if (!TEAM_DATABASE_PATTERN.test(team.database)) return badTeam(team.database);
  let rev = options.rev;
  if (options.replace && rev === undefined) {
    const current = await readDocument(team, document._id);
    if (!current.ok) return current;
    const held = revisionSchema.safeParse(current.value);
    if (held.success) rev = held.data._rev;
  }
  const body = rev === undefined ? document : { ...document, _rev: rev };
  const answer = await request(root, path(team, document._id), {
    method: 'PUT',
    credentials: team.credentials,
    body,
  });
  if (!answer) return unreachable(root);
  if (answer.status === 409) {
    return problem(
      'already-exists',
      'Someone changed this on the team server at the same time. Try again.',
      409,
    );
  }
  if (answer.status !== 201 && answer.status !== 202) return refused(team, root, answer);
  const written = writtenSchema.safeParse(answer.body);
  if (!written.success) return unexpected(answer.status);
  return { ok: true, value: { rev: written.data.rev } };
}

/**
 * Deletes a document if it is there: revision `rev` only when given (a newer one written
 * meanwhile is left), otherwise its current revision, whatever it is.
 */
export async function deleteDocument(
  team: TeamDirectory,
  id: string,
  rev?: string,
): Promise<TeamResult<null>> {
  const root = normaliseAddress(team.address);
  let revision = rev;
  if (revision === undefined) {
    const current = await readDocument(team, id);
    if (!current.ok) return current;
    const held = revisionSchema.safeParse(current.value);
    if (!held.success) return { ok: true, value: null };
    revision = held.data._rev;
  }
  const answer = await request(root, path(team, id, `?rev=${encodeURIComponent(revision)}`), {
    method: 'DELETE',
    credentials: team.credentials,
  });
  if (!answer) return unreachable(root);
  if (answer.status === 404 || answer.status === 409) return { ok: true, value: null };
  if (answer.status !== 200 && answer.status !== 202) return refused(team, root, answer);
  return { ok: true, value: null };
}

/** Every document whose id starts with `prefix` (ids are plain letters, digits and dashes). */
export async function listDocuments(
  team: TeamDirectory,
  prefix: string,
): Promise<TeamResult<unknown[]>> {
  const root = normaliseAddress(team.address);
  if (!TEAM_DATABASE_PATTERN.test(team.database)) return badTeam(team.database);
  const query = new URLSearchParams({
    startkey: JSON.stringify(prefix),
    endkey: JSON.stringify(`${prefix}\ufff0`),
    include_docs: 'true',
  });
  const answer = await request(root, `/${team.database}/_all_docs?${query.toString()}`, {
    credentials: team.credentials,
  });
  if (!answer) return unreachable(root);
  if (answer.status === 404) {
    return problem(
      'not-found',
      'The team database is not on the team server. Check its name with your service lead.',
      404,
    );
  }
  if (answer.status !== 200) return refused(team, root, answer);
  const listed = allDocsSchema.safeParse(answer.body);
  if (!listed.success) return unexpected(answer.status);
  return {
    ok: true,
    value: listed.data.rows
      .filter((row) => row.id.startsWith(prefix) && row.doc !== undefined && row.doc !== null)
      .map((row) => row.doc),
  };
}
