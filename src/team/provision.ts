/**
 * Setting up a team on the service's CouchDB (issue 14): coach and lead accounts in `_users`,
 * one caseload database per coach whose `_security` lets in only that coach and the lead, the
 * team database (the lead and every coach) where joining happens, and a check of who can open
 * what. Plain `fetch` over CouchDB's HTTP API, so the app (through the
 * same-origin `/couchdb/` proxy) and Node scripts use the same code; every answer the code
 * relies on is checked with zod first.
 *
 * Nothing here throws for the failures a person can meet (a wrong address, wrong credentials,
 * a server that is down, no access): each is a `TeamProblem` with a message in plain words for
 * a coach or a lead. A caseload database's name comes from a random id, never from anyone's
 * name, and its contents are only ever ciphertext (see docs/team.md).
 */
import { z } from 'zod';
import { randomBytes } from '../lib/crypto';
import {
  errorSchema,
  failure,
  normaliseAddress,
  notATeamServer,
  okSchema,
  problem,
  request,
  unexpected,
  unreachable,
  wrongCredentials,
  type TeamCredentials,
  type TeamProblem,
  type TeamResult,
} from './couch-http';

export {
  TEAM_REQUEST_TIMEOUT_MS,
  type TeamCredentials,
  type TeamProblem,
  type TeamProblemKind,
  type TeamResult,
} from './couch-http';

// The app's Content-Security-Policy forbids eval: zod must never probe its compiled fast path,
// even if this module's schemas are the first the page parses with (as src/domain/schemas.ts).
z.config({ jitless: true });

/**
 * User names: lower-case letters, digits and `.`, `_`, `-`, starting with a letter. CouchDB
 * takes more, but these go into URLs and security objects unchanged and cannot be mistaken for
 * CouchDB's own names (which start with `_`).
 */
export const USER_NAME_PATTERN = /^[a-z][a-z0-9._-]{2,63}$/;

/** Caseload databases are `caseload-` and 32 random hex digits. */
export const CASELOAD_DATABASE_PATTERN = /^caseload-[0-9a-f]{32}$/;

/** Team databases are `team-` and 32 random hex digits. */
export const TEAM_DATABASE_PATTERN = /^team-[0-9a-f]{32}$/;

const welcomeSchema = z.union([
  z.object({ couchdb: z.literal('Welcome'), version: z.string() }),
  z.object({ 'express-pouchdb': z.string(), version: z.string() }),
]);
const sessionSchema = z.object({
  ok: z.literal(true),
  userCtx: z.object({ name: z.string().nullable(), roles: z.array(z.string()) }),
});
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

function randomHex(): string {
  return Array.from(randomBytes(16), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A new caseload database name: from a random id, never from anyone's name. */
export function newCaseloadDatabaseName(): string {
  return `caseload-${randomHex()}`;
}

/** A new team database name: from a random id, never from the service's name. */
export function newTeamDatabaseName(): string {
  return `team-${randomHex()}`;
}

/** Members (by user name) of a database; nobody but the server admins administers it. */
function securityOf(names: readonly string[]) {
  return {
    admins: { names: [] as string[], roles: [] as string[] },
    members: { names: [...new Set(names)], roles: [] as string[] },
  };
}

/**
 * The security object of a caseload: its coach and the lead are members (they read and write
 * documents); nobody but the server admins may change the database's design or security.
 */
export function caseloadSecurity(coach: string, lead: string) {
  return securityOf([coach, lead]);
}

/**
 * Creates a database and sets its `_security`, then reads the security back to check it
 * holds. A database whose security could not be set is deleted again: some servers
 * (pouchdb-server) let anyone into a database with no members.
 */
async function createSecuredDatabase(
  root: string,
  admin: TeamCredentials,
  database: string,
  members: readonly string[],
): Promise<TeamResult<{ database: string }>> {
  const created = await request(root, `/${database}`, { method: 'PUT', credentials: admin });
  if (!created) return unreachable(root);
  if (created.status !== 201 && created.status !== 202) return failure(root, created);
  if (!okSchema.safeParse(created.body).success) return unexpected(created.status);

  const secured = await secure(root, admin, database, securityOf(members));
  if (!secured.ok) {
    await request(root, `/${database}`, { method: 'DELETE', credentials: admin });
    return secured;
  }
  return { ok: true, value: { database } };
}

/**
 * Creates a caseload database for a coach and sets its `_security` (that coach and the lead),
 * then reads the security back to check it holds.
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
  return createSecuredDatabase(root, admin, newCaseloadDatabaseName(), [people.coach, people.lead]);
}

/**
 * Creates the team database (`team-` and 32 random hex digits): where invitations, wrapped
 * caseload keys and the lead's signed membership lists travel (src/team/directory). Its
 * members are the lead and every coach (`provisionCoach` adds each new one); its admins none.
 */
export async function createTeamDatabase(
  address: string,
  admin: TeamCredentials,
  people: { lead: string; coaches?: readonly string[] },
): Promise<TeamResult<{ database: string }>> {
  const root = normaliseAddress(address);
  const names = [people.lead, ...(people.coaches ?? [])];
  for (const name of names) {
    const invalid = checkName(name);
    if (invalid) return invalid;
  }
  const signedIn = await signInAsServerAdmin(root, admin);
  if (!signedIn.ok) return signedIn;
  return createSecuredDatabase(root, admin, newTeamDatabaseName(), names);
}

const notATeamDatabase = (database: string) =>
  problem('invalid-name', `"${database}" is not the name of a team database.`);

/** Adds a user to the team database's members (server admin only), checked as it is read back. */
export async function addTeamMember(
  address: string,
  admin: TeamCredentials,
  teamDatabase: string,
  name: string,
): Promise<TeamResult<{ members: string[] }>> {
  const root = normaliseAddress(address);
  if (!TEAM_DATABASE_PATTERN.test(teamDatabase)) return notATeamDatabase(teamDatabase);
  const invalid = checkName(name);
  if (invalid) return invalid;
  const signedIn = await signInAsServerAdmin(root, admin);
  if (!signedIn.ok) return signedIn;
  const read = await request(root, `/${teamDatabase}/_security`, { credentials: admin });
  if (!read) return unreachable(root);
  if (read.status === 404) {
    return problem(
      'not-found',
      'The team database is not on the team server. Check its name with whoever set the team up.',
      read.status,
    );
  }
  if (read.status !== 200) return failure(root, read);
  const current = securitySchema.safeParse(read.body);
  if (!current.success) return unexpected(read.status);
  const members = [...new Set([...(current.data.members?.names ?? []), name])];
  const secured = await secure(root, admin, teamDatabase, securityOf(members));
  if (!secured.ok) return secured;
  return { ok: true, value: { members } };
}

async function secure(
  root: string,
  admin: TeamCredentials,
  database: string,
  security: ReturnType<typeof securityOf>,
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
 * Sets a coach up on the server: their account, a place among the team database's members
 * (when `teamDatabase` is given: invitations and keys travel there), and their own caseload
 * database shared with the lead only. The lead's account must exist already
 * (`createTeamUser`), and the team database (`createTeamDatabase`).
 */
export async function provisionCoach(
  address: string,
  admin: TeamCredentials,
  coach: TeamCredentials,
  lead: string,
  teamDatabase?: string,
): Promise<TeamResult<{ coach: string; database: string }>> {
  if (teamDatabase !== undefined && !TEAM_DATABASE_PATTERN.test(teamDatabase)) {
    return notATeamDatabase(teamDatabase);
  }
  const user = await createTeamUser(address, admin, coach);
  if (!user.ok) return user;
  if (teamDatabase !== undefined) {
    const member = await addTeamMember(address, admin, teamDatabase, coach.name);
    if (!member.ok) return member;
  }
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

const userDocumentSchema = z.object({
  _id: z.string(),
  _rev: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  type: z.literal('user'),
});

/** An account's document in `_users`, read as the server admin, or a problem. */
async function readUser(root: string, admin: TeamCredentials, name: string) {
  const id = `org.couchdb.user:${name}`;
  const answer = await request(root, `/_users/${encodeURIComponent(id)}`, { credentials: admin });
  if (!answer) return unreachable(root);
  if (answer.status === 404) {
    return problem('not-found', `There is no account called ${name} on the team server.`, 404);
  }
  if (answer.status !== 200) return failure(root, answer);
  const user = userDocumentSchema.safeParse(answer.body);
  if (!user.success) return unexpected(answer.status);
  return { ok: true as const, value: { id, user: user.data } };
}

/**
 * Gives an account a new password (after a coach's device was lost or stolen: the device keeps
 * the old one, sealed, and could still sign in with it). Only a server admin may.
 */
export async function setUserPassword(
  address: string,
  admin: TeamCredentials,
  user: TeamCredentials,
): Promise<TeamResult<{ name: string }>> {
  const root = normaliseAddress(address);
  const invalid = checkName(user.name);
  if (invalid) return invalid;
  const signedIn = await signInAsServerAdmin(root, admin);
  if (!signedIn.ok) return signedIn;
  const read = await readUser(root, admin, user.name);
  if (!read.ok) return read;
  const { id, user: stored } = read.value;
  const answer = await request(root, `/_users/${encodeURIComponent(id)}`, {
    method: 'PUT',
    credentials: admin,
    body: { ...stored, password: user.password },
  });
  if (!answer) return unreachable(root);
  if (answer.status !== 201 && answer.status !== 202) return failure(root, answer);
  return { ok: true, value: { name: user.name } };
}

/** Takes `name` off a database's members (its security object, checked after). */
async function removeMember(
  root: string,
  admin: TeamCredentials,
  database: string,
  name: string,
): Promise<TeamResult<null>> {
  const read = await request(root, `/${database}/_security`, { credentials: admin });
  if (!read) return unreachable(root);
  if (read.status === 404) {
    return problem('not-found', `There is no database called ${database} on the team server.`, 404);
  }
  if (read.status !== 200) return failure(root, read);
  const current = securitySchema.safeParse(read.body);
  if (!current.success) return unexpected(read.status);
  const members = (current.data.members?.names ?? []).filter((member) => member !== name);
  return secure(root, admin, database, securityOf(members));
}

/**
 * Removes a coach who left: their account, and their name from the team database's and their
 * caseload database's members (the caseload itself stays, ciphertext only, with the lead as a
 * member: its cases are moved to other coaches first). Only a server admin may.
 */
export async function removeTeamUser(
  address: string,
  admin: TeamCredentials,
  name: string,
  databases: { teamDatabase?: string; caseloadDatabase?: string } = {},
): Promise<TeamResult<{ name: string }>> {
  const root = normaliseAddress(address);
  const invalid = checkName(name);
  if (invalid) return invalid;
  const { teamDatabase, caseloadDatabase } = databases;
  if (teamDatabase !== undefined && !TEAM_DATABASE_PATTERN.test(teamDatabase)) {
    return notATeamDatabase(teamDatabase);
  }
  if (caseloadDatabase !== undefined && !CASELOAD_DATABASE_PATTERN.test(caseloadDatabase)) {
    return problem('invalid-name', `"${caseloadDatabase}" is not the name of a caseload database.`);
  }
  const signedIn = await signInAsServerAdmin(root, admin);
  if (!signedIn.ok) return signedIn;
  for (const database of [teamDatabase, caseloadDatabase]) {
    if (database === undefined) continue;
    const removed = await removeMember(root, admin, database, name);
    if (!removed.ok) return removed;
  }
  const read = await readUser(root, admin, name);
  if (!read.ok) return read;
  const { id, user } = read.value;
  const answer = await request(
    root,
    `/_users/${encodeURIComponent(id)}?rev=${encodeURIComponent(user._rev)}`,
    { method: 'DELETE', credentials: admin },
  );
  if (!answer) return unreachable(root);
  if (answer.status !== 200 && answer.status !== 202) return failure(root, answer);
  return { ok: true, value: { name } };
}
