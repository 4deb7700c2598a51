// pouchdb-server (a CouchDB-protocol server on Node) run as a child that dies with its parent.
//
//   node scripts/team-server.mjs <pouchdb-server options>
//
// Used by tests/support/couch-server.ts and scripts/dev-team.mjs, never by the app. The parent
// keeps this process's stdin open as a pipe: when the parent goes, however it goes (a test run
// killed, Ctrl-C, a crash), the pipe closes and this process exits, so no server is left
// running on the machine.
import { createRequire } from 'node:module';
import process from 'node:process';

const require = createRequire(import.meta.url);

process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();

// pouchdb-server reads its options from process.argv when it is loaded.
process.argv = [process.argv[0] ?? 'node', 'pouchdb-server', ...process.argv.slice(2)];
require('pouchdb-server/lib/index.js');
