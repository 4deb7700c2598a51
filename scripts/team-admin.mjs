/**
 * For the service's IT, who run the team server (issue 14, docs/team.md "Provisioning"): sets up
 * and looks after the accounts and databases of a team with the app's own provisioning code
 * (src/team/provision.ts), against a CouchDB 3 server.
 *
 *   npm run team:admin -- team --lead <name>
 *       the lead's account and the team database
 *   npm run team:admin -- coach --coach <name> --lead <name> --team <team-…>
 *       a coach's account, their caseload database (members: the coach and the lead), and the
 *       coach added to the team database's members
 *   npm run team:admin -- password --user <name>
 *       a new password for an account (after a lost or stolen device)
 *   npm run team:admin -- remove --user <name> [--team <team-…>] [--caseload <caseload-…>]
 *       a coach who left: off the team's and their caseload's members, and the account deleted
 *       (move their cases to other coaches first, in the app's team report)
 *
 * Options: --server <address> (default http://127.0.0.1:5984). The server admin's name and
 * password come from the environment, never the command line (which other users of the
 * machine can see): TEAM_ADMIN_NAME (default "admin") and TEAM_ADMIN_PASSWORD. New passwords
 * are random and printed once: give each to its person by hand.
 */
import console from 'node:console';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const USAGE = `Usage:
  npm run team:admin -- team --lead <name>
  npm run team:admin -- coach --coach <name> --lead <name> --team <team-…>
  npm run team:admin -- password --user <name>
  npm run team:admin -- remove --user <name> [--team <team-…>] [--caseload <caseload-…>]
Options: --server <address> (default http://127.0.0.1:5984).
Environment: TEAM_ADMIN_PASSWORD (required), TEAM_ADMIN_NAME (default admin).`;

function refuse(message) {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      server: { type: 'string', default: 'http://127.0.0.1:5984' },
      lead: { type: 'string' },
      coach: { type: 'string' },
      user: { type: 'string' },
      team: { type: 'string' },
      caseload: { type: 'string' },
    },
  });
} catch (error) {
  refuse(error.message);
}
const { values, positionals } = parsed;
const [command] = positionals;
const needed = {
  team: ['lead'],
  coach: ['coach', 'lead', 'team'],
  password: ['user'],
  remove: ['user'],
};
if (!command || !(command in needed))
  refuse(command ? `No command "${command}".` : 'Say what to do.');
const missing = needed[command].filter((option) => !values[option]);
if (missing.length > 0) refuse(`"${command}" needs ${missing.map((o) => `--${o}`).join(', ')}.`);
const adminPassword = process.env.TEAM_ADMIN_PASSWORD;
if (!adminPassword) refuse('Set TEAM_ADMIN_PASSWORD to the server admin’s password.');
const admin = { name: process.env.TEAM_ADMIN_NAME || 'admin', password: adminPassword };
const server = values.server;
const newPassword = () => randomBytes(18).toString('base64url');

// The provisioning code is TypeScript: Vite loads it, as `npm run dev:team` does.
const vite = await createServer({
  root,
  configFile: path.join(root, 'vite.config.ts'),
  server: { middlewareMode: true, hmr: false },
  appType: 'custom',
  logLevel: 'silent',
});
let code = 0;
try {
  const provision = await vite.ssrLoadModule('/src/team/provision.ts');
  const say = (result, lines) => {
    if (!result.ok) {
      console.error(`Not done: ${result.problem.message}`);
      code = 1;
      return;
    }
    console.log(lines(result.value).join('\n'));
  };
  if (command === 'team') {
    const lead = { name: values.lead, password: newPassword() };
    const user = await provision.createTeamUser(server, admin, lead);
    if (!user.ok) say(user, () => []);
    else {
      say(await provision.createTeamDatabase(server, admin, { lead: lead.name }), (made) => [
        `Lead account: ${lead.name}`,
        `Its password: ${lead.password}   (give it to the lead by hand)`,
        `Team database: ${made.database}   (the "Team name" in the app)`,
      ]);
    }
  } else if (command === 'coach') {
    const coach = { name: values.coach, password: newPassword() };
    say(await provision.provisionCoach(server, admin, coach, values.lead, values.team), (made) => [
      `Coach account: ${made.coach}`,
      `Its password: ${coach.password}   (give it to the coach by hand)`,
      `Caseload database: ${made.database}   (for the lead's invitation)`,
    ]);
  } else if (command === 'password') {
    const user = { name: values.user, password: newPassword() };
    say(await provision.setUserPassword(server, admin, user), (changed) => [
      `New password for ${changed.name}: ${user.password}   (give it to them by hand)`,
      'Their devices ask for it the next time they sync (Settings > Team, Disconnect, then join again).',
    ]);
  } else {
    say(
      await provision.removeTeamUser(server, admin, values.user, {
        ...(values.team ? { teamDatabase: values.team } : {}),
        ...(values.caseload ? { caseloadDatabase: values.caseload } : {}),
      }),
      (removed) => [`Removed the account ${removed.name}.`],
    );
  }
} finally {
  await vite.close();
}
process.exit(code);
