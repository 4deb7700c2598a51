// pouchdb-browser, the build the app ships, reads two browser globals that Node 20 lacks: `self`
// as it loads (for setImmediate/setTimeout), and `navigator.userAgent` when its IndexedDB
// adapter first opens a database (to tell old Chrome's Blob bugs). In a browser `self` is the
// global object; the user agent here names no browser, which PouchDB reads as "Blobs work".
// Import this before pouchdb-browser (tests/support/pouchdb.ts).
if (typeof globalThis.self === 'undefined') {
  Object.defineProperty(globalThis, 'self', {
    value: globalThis,
    configurable: true,
    writable: true,
  });
}
if (typeof globalThis.navigator === 'undefined') {
  Object.defineProperty(globalThis, 'navigator', {
    value: { userAgent: `Node.js/${process.version}` },
    configurable: true,
    writable: true,
  });
}
