/**
 * pouchdb-browser in Node tests: the same build the app ships (IndexedDB adapter, here on
 * fake-indexeddb from tests/setup.ts; HTTP adapter on Node's fetch; replication), not a
 * Node-only build of PouchDB, so the tests exercise what runs in the coach's browser.
 */
import './browser-globals';
import PouchDB from 'pouchdb-browser';

export { PouchDB };
