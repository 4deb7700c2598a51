// pouchdb-server (a CouchDB-protocol server on Node) for tests and `npm run dev:team`.
//
//   node scripts/team-server.mjs [--exit-with-stdin] <pouchdb-server options>
//
// Never used by the app. With --exit-with-stdin (tests/support/couch-server.ts and
// scripts/dev-team.mjs pass it, with a pipe as stdin) the server exits when its stdin closes:
// when the parent goes, however it goes (a test run killed, Ctrl-C, a crash), the pipe closes
// and no server is left running on the machine. Without it, it runs until it is stopped, as
// pouchdb-server does (for a runner that stops its servers itself, such as Playwright's
// webServer, which gives no stdin). Either way, write the server admin into the --config file
// before starting it (as tests/support/couch-server.ts does): pouchdb-server with no admin lets
// everyone administer it ("admin party").
import { createRequire } from 'node:module';
import process from 'node:process';

const require = createRequire(import.meta.url);

const EXIT_WITH_STDIN = '--exit-with-stdin';
const options = process.argv.slice(2);
if (options.includes(EXIT_WITH_STDIN)) {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
}

// pouchdb-server reads its options from process.argv when it is loaded.
process.argv = [
  process.argv[0] ?? 'node',
  'pouchdb-server',
  ...options.filter((option) => option !== EXIT_WITH_STDIN),
];
require('pouchdb-server/lib/index.js');
