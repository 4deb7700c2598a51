/**
 * Try a team on one machine (issue 14):
 *
 *   npm run dev:team
 *
 * 1. Starts pouchdb-server (a CouchDB-protocol server) in memory on 127.0.0.1:5984
 *    (TEAM_SERVER_PORT to change), with a server admin whose password is new each run. Its
 *    config and log are in ./.team-data (not in git). Nothing is kept when it stops.
 * 2. Sets up a demo team with src/team/provision.ts, the code the app uses: a lead and two
 *    coaches, each coach with a caseload database only they and the lead can open, and the
 *    team database (all three its members) where invitations and caseload keys travel.
 * 3. Runs the Vite dev server beside it; the app reaches the team server on its own origin at
 *    /couchdb/ (the proxy in vite.config.ts), so its Content-Security-Policy is unchanged.
 *
 * Ctrl-C stops both. The in-app sync is not built yet: see docs/team.md.
 */
import { spawn } from 'node:child_process';
import console from 'node:console';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { setTimeout as wait } from 'node:timers/promises';
import { URL, fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = path.join(root, '.team-data');
const port = Number(process.env.TEAM_SERVER_PORT ?? 5984);
const teamUrl = `http://127.0.0.1:${port}`;
const READY_WITHIN_MS = 60_000;

const password = () => randomBytes(12).toString('base64url');
const admin = { name: 'admin', password: password() };
const lead = { name: 'lead', password: password() };
const coaches = [
  { name: 'coach-a', password: password() },
  { name: 'coach-b', password: password() },
];

let vite;
let stopping = false;

/** Says what went wrong, stops both servers and exits: never returns. */
async function fail(message) {
  console.error(`\n${message}`);
  await stop(1);
  await new Promise(() => undefined);
}

async function stop(code = 0) {
  if (stopping) return new Promise(() => undefined);
  stopping = true;
  await vite?.close().catch(() => undefined);
  if (team.exitCode === null && team.signalCode === null) {
    team.kill('SIGTERM');
    await new Promise((resolve) => team.once('exit', resolve));
  }
  process.exit(code);
}

// 1. The team server, as a child that exits when this process does (scripts/team-server.mjs).
await mkdir(dataDir, { recursive: true });
const configFile = path.join(dataDir, 'config.json');
await writeFile(
  configFile,
  JSON.stringify({
    admins: { [admin.name]: admin.password },
    log: { file: path.join(dataDir, 'log.txt'), level: 'info' },
  }),
);
const team = spawn(
  process.execPath,
  [
    path.join(root, 'scripts/team-server.mjs'),
    '--exit-with-stdin', // and stdin is a pipe from this script
    '--in-memory',
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--config',
    configFile,
    '--dir',
    dataDir,
    '-n', // no logs on stdout (nomnom reads "--no-stdout-logs" as "stdout-logs: false")
    '--no-color',
  ],
  // Its own process group: Ctrl-C reaches this script, which stops the server after Vite.
  { cwd: dataDir, stdio: ['pipe', 'inherit', 'pipe'], detached: true },
);
let teamErrors = '';
team.stderr.on('data', (chunk) => {
  teamErrors = (teamErrors + chunk.toString('utf8')).slice(-4_000);
  process.stderr.write(chunk);
});
team.on('exit', (code, signal) => {
  if (stopping) return;
  const inUse = teamErrors.includes('EADDRINUSE')
    ? ` Port ${port} is in use (a CouchDB already running?): stop it, or set TEAM_SERVER_PORT.`
    : '';
  void fail(
    `The team server stopped (${signal ?? `exit code ${code}`}).${inUse} Its log: ${path.join(dataDir, 'log.txt')}`,
  );
});
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

const deadline = Date.now() + READY_WITHIN_MS;
for (;;) {
  const ready = await globalThis
    .fetch(`${teamUrl}/`, { signal: globalThis.AbortSignal.timeout(2_000) })
    .then(
      (response) => response.ok,
      () => false,
    );
  if (ready) break;
  if (stopping) await new Promise(() => undefined); // stop() exits
  if (Date.now() > deadline) await fail(`The team server did not answer at ${teamUrl} in time.`);
  await wait(100);
}

// 2. The Vite dev server, proxying /couchdb/ to the team server (vite.config.ts).
process.env.TEAM_SERVER_URL = teamUrl;
vite = await createServer({ root, configFile: path.join(root, 'vite.config.ts') }).catch((error) =>
  fail(`The dev server could not start: ${error.message}`),
);

// 3. A demo team, made by the app's own provisioning code.
const provision = await vite.ssrLoadModule('/src/team/provision.ts');
const must = async (result) => {
  if (!result.ok) await fail(`Setting up the demo team failed: ${result.problem.message}`);
  return result.value;
};
await must(await provision.createTeamUser(teamUrl, admin, lead));
const teamDatabase = await must(
  await provision.createTeamDatabase(teamUrl, admin, { lead: lead.name }),
);
const caseloads = [];
for (const coach of coaches) {
  caseloads.push(
    await must(
      await provision.provisionCoach(teamUrl, admin, coach, lead.name, teamDatabase.database),
    ),
  );
}

await vite.listen().catch((error) => fail(`The dev server could not start: ${error.message}`));
const appUrl = (vite.resolvedUrls?.local[0] ?? 'http://localhost:5173/').replace(/\/$/, '');
const rows = [
  ['server admin', admin, 'every database (server administration only)'],
  ['lead', lead, 'both caseloads'],
  ...coaches.map((coach, i) => [`coach ${'AB'[i]}`, coach, caseloads[i].database]),
];
console.log(`
Team server: pouchdb-server in memory at ${teamUrl} (nothing is kept when it stops)
The app reaches it on its own origin: ${appUrl}/couchdb/

${rows.map(([who, { name, password: pw }, what]) => `  ${who.padEnd(13)} ${name} / ${pw}  ${what}`).join('\n')}

Team database (invitations, wrapped caseload keys, signed membership lists; the lead and
both coaches are its members): ${teamDatabase.database}

Try:  curl -u ${coaches[0].name}:${coaches[0].password} ${appUrl}/couchdb/${caseloads[0].database}
      curl -u ${coaches[1].name}:${coaches[1].password} ${appUrl}/couchdb/${caseloads[0].database}   (refused)

To try a team in the app (README, "Working as a team"): open ${appUrl}/ in one browser
profile as the lead (choose a passphrase, then Settings > Lead a team: team name
${teamDatabase.database}, ${lead.name} / ${lead.password}), and in another profile (or a
private window) as coach A (Settings > Team, with the invitation code the lead makes for
${coaches[0].name} and caseload ${caseloads[0].database}).
Ctrl-C stops both.
`);
