/**
 * pouchdb-browser in Node tests: the same build the app ships (IndexedDB adapter, here on
 * fake-indexeddb from tests/setup.ts; HTTP adapter on Node's fetch; replication), not a
 * Node-only build of PouchDB, so the tests exercise what runs in the coach's browser.
 */
import './browser-globals';
import PouchDB from 'pouchdb-browser';

// PouchDB tells a browser's console that an expected 404 (no replication checkpoint yet) "is
// totally normal"; in the test output it is only noise. Everything else is still printed.
const info = console.info.bind(console);
console.info = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].includes('is totally normal')) return;
  info(...args);
};

export { PouchDB };
