/**
 * The app's one Trusted Types policy. The Content-Security-Policy says
 * `require-trusted-types-for 'script'`, so the browser refuses every string given to a script
 * sink (innerHTML, script and worker URLs, eval-like calls) unless a policy turns it into a
 * trusted value. The app writes no HTML and runs no strings as code, so its policy turns
 * nothing into HTML or script: those sinks stay closed. It allows only script URLs, and only
 * the app's own files: the service worker (`/sw.js`, registered by vite-plugin-pwa through
 * workbox-window, which passes a plain string) and the built scripts under `/assets/` (the
 * Web Worker that checks backups). Anything else is refused and reported as a CSP violation.
 *
 * It is the "default" policy (the CSP allows no other name: `trusted-types default`) because
 * those two calls are made inside libraries that pass plain strings; a default policy is what
 * the browser consults for them.
 */

/** The part of the Trusted Types API this module uses (not yet in TypeScript's DOM types). */
interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL: (input: string) => string | null }): unknown;
}

/** The app's own script files, by path: the service worker and the build's scripts. */
const OWN_SCRIPT = /^\/(?:sw\.js|assets\/[A-Za-z0-9._-]+\.js)$/;

/**
 * The URL a script may be loaded from, or null when it is not one of the app's own files on
 * the app's origin. `base` resolves relative URLs (the document's base URL).
 */
export function allowedScriptUrl(input: string, base: string): string | null {
  let url: URL;
  try {
    url = new URL(input, base);
  } catch {
    return null;
  }
  const own = new URL(base).origin;
  if (url.origin !== own || url.search !== '' || url.hash !== '') return null;
  return OWN_SCRIPT.test(url.pathname) ? url.href : null;
}

/**
 * Creates the default policy where the browser supports Trusted Types (nothing happens
 * elsewhere: the CSP directive is then ignored too). Call once, before anything loads a
 * worker or registers the service worker. Never throws: the app starts whatever happens.
 */
export function installTrustedTypesPolicy(
  win: Window & { trustedTypes?: TrustedTypesFactory },
): void {
  const factory = win.trustedTypes;
  if (!factory) return;
  try {
    factory.createPolicy('default', {
      createScriptURL: (input) => allowedScriptUrl(input, win.document.baseURI),
    });
  } catch {
    // A host whose policy forbids it (or a second call): the app still starts; only the
    // service worker and the backup worker are then refused (the backup is checked on the
    // page instead).
  }
}
