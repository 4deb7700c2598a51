/**
 * Setting up a team on the service's CouchDB (issue 14): coach and lead accounts in `_users`,
 * one caseload database per coach whose `_security` lets in only that coach and the lead, and
 * a check of who can open what. Plain `fetch` over CouchDB's HTTP API, so the app (through the
 * same-origin `/couchdb/` proxy) and Node scripts use the same code; every answer the code
 * relies on is checked with zod first.
 *
 * Nothing here throws for the failures a person can meet (a wrong address, wrong credentials,
 * a server that is down, no access): each is a `TeamProblem` with a message in plain words for
 * a coach or a lead. A caseload database's name comes from a random id, never from anyone's
 * name, and its contents are only ever ciphertext (see docs/team.md).
 */
import { z } from 'zod';
import { randomBytes, toBase64, utf8Encoder } from '../lib/crypto';

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
  | 'unexpected-answer';

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

/**
 * User names: lower-case letters, digits and `.`, `_`, `-`, starting with a letter. CouchDB
 * takes more, but these go into URLs and security objects unchanged and cannot be mistaken for
 * CouchDB's own names (which start with `_`).
 */
export const USER_NAME_PATTERN = /^[a-z][a-z0-9._-]{2,63}$/;

/** Caseload databases are `caseload-` and 32 random hex digits. */
export const CASELOAD_DATABASE_PATTERN = /^caseload-[0-9a-f]{32}$/;

const welcomeSchema = z.union([
  z.object({ couchdb: z.literal('Welcome'), version: z.string() }),
  z.object({ 'express-pouchdb': z.string(), version: z.string() }),
]);
const sessionSchema = z.object({
  ok: z.literal(true),
  userCtx: z.object({ name: z.string().nullable(), roles: z.array(z.string()) }),
});
const okSchema = z.object({ ok: z.literal(true) });
const errorSchema = z.object({ error: z.string(), reason: z.string().optional() });
const nameListSchema = z.object({
  names: z.array(z.string()).optional(),
  roles: z.array(z.string()).optional(),
});
const securitySchema = z.object({
  members: nameListSchema.optional(),
  admins: nameListSchema.optional(),
});
const databaseInfoSchema = z.object({
  db_name: z.string(),
  doc_count: z.number().int().nonnegative(),
});

/** The server's root with no trailing slash: `/couchdb` in the app, a full URL in scripts. */
function normaliseAddress(address: string): string {
  return address.trim().replace(/\/+$/, '');
}

function problem(
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
function shown(address: string): string {
  const origin = globalThis.location?.origin;
  return address.startsWith('/') && origin ? `${origin}${address}` : address;
}

const unreachable = (address: string) =>
  problem(
    'server-unreachable',
    `The team server at ${shown(address)} could not be reached. Check the address and that this device is online. If both are right, the server may be down: try again later, or tell your service's IT.`,
  );
const serverDown = (status: number) =>
  problem(
    'server-down',
    "The team server is not answering at the moment. Nothing on this device has been lost: try again later, or tell your service's IT if it goes on.",
    status,
  );
const notATeamServer = (address: string, status?: number) =>
  problem(
    'not-a-team-server',
    `There is no team server at ${shown(address)}. Check the address with your service lead.`,
    status,
  );
const wrongCredentials = (status: number) =>
  problem(
    'wrong-credentials',
    'The user name or password is not right. Check them and try again.',
    status,
  );
const unexpected = (status: number) =>
  problem(
    'unexpected-answer',
    `The team server gave an answer the app did not expect (HTTP ${status}). Nothing was changed on this device. Tell your service's IT.`,
    status,
  );

interface Answer {
  status: number;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  body: unknown;
}

function authorization({ name, password }: TeamCredentials): string {
  return `Basic ${toBase64(utf8Encoder.encode(`${name}:${password}`))}`;
}

/** One request; a network failure or timeout is `undefined`, never a throw. */
async function request(
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
function failure(address: string, answer: Answer): { ok: false; problem: TeamProblem } {
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

/**
 * Checks that a CouchDB server answers at the address (`/couchdb` in the app), before anyone
 * signs in. A server that lets nobody in unsigned (`require_valid_user`, as docs/team.md sets
 * it up) answers 401 with CouchDB's error body: it is there, its version unknown until
 * sign-in (`signIn` is the check that it is CouchDB).
 */
export async function checkServer(
  address: string,
): Promise<TeamResult<{ address: string; version: string | null }>> {
  const root = normaliseAddress(address);
  const answer = await request(root, '/');
  if (!answer) return unreachable(root);
  if (answer.status === 401 && errorSchema.safeParse(answer.body).success) {
    return { ok: true, value: { address: root, version: null } };
  }
  if (answer.status !== 200) return failure(root, answer);
  const welcome = welcomeSchema.safeParse(answer.body);
  if (!welcome.success) return notATeamServer(root, answer.status);
  return { ok: true, value: { address: root, version: welcome.data.version } };
}

export interface SignedIn {
  name: string;
  roles: string[];
  /** A CouchDB server admin (role `_admin`): only they may provision. */
  isServerAdmin: boolean;
}

/** Checks a user name and password against the server (`GET /_session`). */
export async function signIn(
  address: string,
  credentials: TeamCredentials,
): Promise<TeamResult<SignedIn>> {
  const root = normaliseAddress(address);
  const answer = await request(root, '/_session', { credentials });
  if (!answer) return unreachable(root);
  if (answer.status !== 200) return failure(root, answer);
  const session = sessionSchema.safeParse(answer.body);
  if (!session.success) return notATeamServer(root, answer.status);
  const { name, roles } = session.data.userCtx;
  // A server that ignored the credentials answers as nobody: they were not accepted.
  if (name !== credentials.name) return wrongCredentials(answer.status);
  return { ok: true, value: { name, roles, isServerAdmin: roles.includes('_admin') } };
}

async function signInAsServerAdmin(
  root: string,
  admin: TeamCredentials,
): Promise<TeamResult<SignedIn>> {
  const signedIn = await signIn(root, admin);
  if (signedIn.ok && !signedIn.value.isServerAdmin) {
    return problem(
      'not-allowed',
      `${admin.name} is not an administrator of the team server, so cannot add coaches or caseloads.`,
    );
  }
  return signedIn;
}

function checkName(name: string): { ok: false; problem: TeamProblem } | undefined {
  if (USER_NAME_PATTERN.test(name)) return undefined;
  return problem(
    'invalid-name',
    `"${name}" cannot be a user name: use 3 to 64 lower-case letters, digits, dots, dashes or underscores, starting with a letter.`,
  );
}

/**
 * Adds a coach or the lead to the server's `_users` database, signed in as a server admin.
 * CouchDB hashes the password on arrival.
 */
export async function createTeamUser(
  address: string,
  admin: TeamCredentials,
  user: TeamCredentials,
): Promise<TeamResult<{ name: string }>> {
  const root = normaliseAddress(address);
  const invalid = checkName(user.name);
  if (invalid) return invalid;
  const signedIn = await signInAsServerAdmin(root, admin);
  if (!signedIn.ok) return signedIn;
  const id = `org.couchdb.user:${user.name}`;
  const answer = await request(root, `/_users/${encodeURIComponent(id)}`, {
    method: 'PUT',
    credentials: admin,
    body: { _id: id, name: user.name, password: user.password, roles: [], type: 'user' },
  });
  if (!answer) return unreachable(root);
  if (answer.status === 409) {
    return problem(
      'already-exists',
      `There is already an account called ${user.name} on the team server. Choose another user name.`,
      answer.status,
    );
  }
  if (answer.status !== 201 && answer.status !== 202) return failure(root, answer);
  if (!okSchema.safeParse(answer.body).success) return unexpected(answer.status);
  return { ok: true, value: { name: user.name } };
}

/** A new caseload database name: from a random id, never from anyone's name. */
export function newCaseloadDatabaseName(): string {
  return `caseload-${Array.from(randomBytes(16), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The security object of a caseload: its coach and the lead are members (they read and write
 * documents); nobody but the server admins may change the database's design or security.
 */
export function caseloadSecurity(coach: string, lead: string) {
  return {
    admins: { names: [] as string[], roles: [] as string[] },
    members: { names: [...new Set([coach, lead])], roles: [] as string[] },
  };
}

/**
 * Creates a caseload database for a coach and sets its `_security`, then reads the security
 * back to check it holds. A database whose security could not be set is deleted again: some
 * servers (pouchdb-server) let anyone into a database with no members.
 */
export async function createCaseloadDatabase(
  address: string,
  admin: TeamCredentials,
  people: { coach: string; lead: string },
): Promise<TeamResult<{ database: string }>> {
  const root = normaliseAddress(address);
  const invalid = checkName(people.coach) ?? checkName(people.lead);
  if (invalid) return invalid;
  const signedIn = await signInAsServerAdmin(root, admin);
  if (!signedIn.ok) return signedIn;

  const database = newCaseloadDatabaseName();
  const created = await request(root, `/${database}`, { method: 'PUT', credentials: admin });
  if (!created) return unreachable(root);
  if (created.status !== 201 && created.status !== 202) return failure(root, created);
  if (!okSchema.safeParse(created.body).success) return unexpected(created.status);

  const security = caseloadSecurity(people.coach, people.lead);
  const secured = await secure(root, admin, database, security);
  if (!secured.ok) {
    await request(root, `/${database}`, { method: 'DELETE', credentials: admin });
    return secured;
  }
  return { ok: true, value: { database } };
}

async function secure(
  root: string,
  admin: TeamCredentials,
  database: string,
  security: ReturnType<typeof caseloadSecurity>,
): Promise<TeamResult<null>> {
  const set = await request(root, `/${database}/_security`, {
    method: 'PUT',
    credentials: admin,
    body: security,
  });
  if (!set) return unreachable(root);
  if (set.status !== 200) return failure(root, set);
  if (!okSchema.safeParse(set.body).success) return unexpected(set.status);

  const read = await request(root, `/${database}/_security`, { credentials: admin });
  if (!read) return unreachable(root);
  if (read.status !== 200) return failure(root, read);
  const stored = securitySchema.safeParse(read.body);
  const same = (a: string[] | undefined, b: string[]) =>
    JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...b].sort());
  if (
    !stored.success ||
    !same(stored.data.members?.names, security.members.names) ||
    (stored.data.members?.roles ?? []).length > 0 ||
    (stored.data.admins?.names ?? []).length > 0 ||
    (stored.data.admins?.roles ?? []).length > 0
  ) {
    return unexpected(read.status);
  }
  return { ok: true, value: null };
}

/**
 * Sets a coach up on the server: their account, and their own caseload database shared with
 * the lead only. The lead's account must exist already (`createTeamUser`).
 */
export async function provisionCoach(
  address: string,
  admin: TeamCredentials,
  coach: TeamCredentials,
  lead: string,
): Promise<TeamResult<{ coach: string; database: string }>> {
  const user = await createTeamUser(address, admin, coach);
  if (!user.ok) return user;
  const caseload = await createCaseloadDatabase(address, admin, { coach: coach.name, lead });
  if (!caseload.ok) return caseload;
  return { ok: true, value: { coach: coach.name, database: caseload.value.database } };
}

/**
 * Checks that a coach or lead can open a caseload database: signs in first (so a wrong
 * password is told apart from having no access), then reads the database's information.
 */
export async function checkAccess(
  address: string,
  credentials: TeamCredentials,
  database: string,
): Promise<TeamResult<{ database: string; documents: number }>> {
  const root = normaliseAddress(address);
  if (!CASELOAD_DATABASE_PATTERN.test(database)) {
    return problem('invalid-name', `"${database}" is not the name of a caseload database.`);
  }
  const signedIn = await signIn(root, credentials);
  if (!signedIn.ok) return signedIn;
  const answer = await request(root, `/${database}`, { credentials });
  if (!answer) return unreachable(root);
  if (answer.status === 404) {
    return problem(
      'not-found',
      'This caseload is not on the team server. Ask your service lead to check it.',
      answer.status,
    );
  }
  // A signed-in user who is not a member is refused: 403 from CouchDB, 401 from pouchdb-server.
  if (answer.status === 401 || answer.status === 403) {
    return problem(
      'not-allowed',
      `${credentials.name} cannot open this caseload: only its coach and the service lead can.`,
      answer.status,
    );
  }
  if (answer.status !== 200) return failure(root, answer);
  const info = databaseInfoSchema.safeParse(answer.body);
  if (!info.success || info.data.db_name !== database) return unexpected(answer.status);
  return { ok: true, value: { database, documents: info.data.doc_count } };
}
