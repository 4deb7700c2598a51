/**
 * The HTTP plumbing every team module shares (provisioning, the team directory): one CouchDB
 * request with plain `fetch` (the app through its same-origin `/couchdb/`, scripts and tests
 * with a full URL), credentials in each request's Authorization header and no cookie, and
 * what a failed answer means for the person, as a `TeamProblem` in plain words. Nothing here
 * throws for the failures a person can meet.
 */
import { z } from 'zod';
import { toBase64, utf8Encoder } from '../lib/crypto';

// The app's Content-Security-Policy forbids eval: zod must never probe its compiled fast path,
// even if this module's schemas are the first the page parses with (as src/domain/schemas.ts).
z.config({ jitless: true });

/** A CouchDB user: a coach, the lead, or the server admin who provisions them. */
export interface TeamCredentials {
  name: string;
  password: string;
}

export type TeamProblemKind =
  /** Nothing answered: a wrong host, no network, or the server is down. */
  | 'server-unreachable'
  /** The reverse proxy answered, CouchDB behind it did not. */
  | 'server-down'
  /** Something answered, but not a CouchDB server. */
  | 'not-a-team-server'
  | 'wrong-credentials'
  /** Signed in, but not allowed: not a member of that caseload, or not a server admin. */
  | 'not-allowed'
  | 'already-exists'
  /** No such caseload database on the server. */
  | 'not-found'
  | 'invalid-name'
  | 'unexpected-answer'
  /** Joining (src/team/directory): the invitation code has a typing mistake. */
  | 'code-mistyped'
  /** No invitation for this code on the team server (never made, or already used). */
  | 'invitation-not-found'
  | 'invitation-expired'
  /** The invitation on the server does not match the code: changed on the way. */
  | 'invitation-changed'
  /** An answer to this invitation is on the team server already: it is not replaced. */
  | 'invitation-answered'
  /** A document on the team server failed its signature or check: not taken. */
  | 'not-trusted';

export interface TeamProblem {
  kind: TeamProblemKind;
  /** What happened and what to do, for the coach or lead. */
  message: string;
  /** The HTTP status, when the server answered. */
  status?: number;
}

export type TeamResult<T> = { ok: true; value: T } | { ok: false; problem: TeamProblem };

/** Every request gives up after this long; the person is told the server could not be reached. */
export const TEAM_REQUEST_TIMEOUT_MS = 20_000;

export const okSchema = z.object({ ok: z.literal(true) });
export const errorSchema = z.object({ error: z.string(), reason: z.string().optional() });
/** The server's root with no trailing slash: `/couchdb` in the app, a full URL in scripts. */
export function normaliseAddress(address: string): string {
  return address.trim().replace(/\/+$/, '');
}

export function problem(
  kind: TeamProblemKind,
  message: string,
  status?: number,
): { ok: false; problem: TeamProblem } {
  return {
    ok: false,
    problem: status === undefined ? { kind, message } : { kind, message, status },
  };
}

/** The address as a person would recognise it: the app's `/couchdb` with the app's origin. */
export function shown(address: string): string {
  const origin = globalThis.location?.origin;
  return address.startsWith('/') && origin ? `${origin}${address}` : address;
}

export const unreachable = (address: string) =>
  problem(
    'server-unreachable',
    `The team server at ${shown(address)} could not be reached. Check the address and that this device is online. If both are right, the server may be down: try again later, or tell your service's IT.`,
  );
export const serverDown = (status: number) =>
  problem(
    'server-down',
    "The team server is not answering at the moment. Nothing on this device has been lost: try again later, or tell your service's IT if it goes on.",
    status,
  );
export const notATeamServer = (address: string, status?: number) =>
  problem(
    'not-a-team-server',
    `There is no team server at ${shown(address)}. Check the address with your service lead.`,
    status,
  );
export const wrongCredentials = (status: number) =>
  problem(
    'wrong-credentials',
    'The user name or password is not right. Check them and try again.',
    status,
  );
export const unexpected = (status: number) =>
  problem(
    'unexpected-answer',
    `The team server gave an answer the app did not expect (HTTP ${status}). Nothing was changed on this device. Tell your service's IT.`,
    status,
  );

export interface Answer {
  status: number;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  body: unknown;
}

function authorization({ name, password }: TeamCredentials): string {
  return `Basic ${toBase64(utf8Encoder.encode(`${name}:${password}`))}`;
}

/** One request; a network failure or timeout is `undefined`, never a throw. */
export async function request(
  address: string,
  path: string,
  options: { method?: string; credentials?: TeamCredentials; body?: unknown } = {},
): Promise<Answer | undefined> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.credentials) headers.authorization = authorization(options.credentials);
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await fetch(`${address}${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      // Credentials go in the Authorization header of each request: no cookie is kept or sent.
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(TEAM_REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: response.status, body };
  } catch {
    return undefined;
  }
}

/**
 * What any answer that is not a success means for the person: the server is down behind its
 * proxy, the address is not a CouchDB, the credentials are wrong, or access is refused.
 */
export function failure(address: string, answer: Answer): { ok: false; problem: TeamProblem } {
  const { status } = answer;
  if (status === 502 || status === 503 || status === 504) return serverDown(status);
  if (!errorSchema.safeParse(answer.body).success) return notATeamServer(address, status);
  if (status === 401) return wrongCredentials(status);
  if (status === 403) {
    return problem(
      'not-allowed',
      'This account is not allowed to do that on the team server.',
      status,
    );
  }
  return unexpected(status);
}
