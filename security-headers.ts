/**
 * The app's Content-Security-Policy and the other security headers, in one place: the build
 * puts the policy in index.html as a meta tag, `vite preview` sends the headers, and the
 * documented deployment sends the same headers (public/_headers for static hosts, the nginx
 * example in docs/deployment.md). tests/unit/deploy/security-headers.test.ts checks that all
 * of them say the same.
 *
 * Nothing leaves the device and nothing is loaded from elsewhere: only the app's own origin
 * may supply scripts, styles, images, fonts, workers and connections; no plugins (objects),
 * no <base>, no form posts. Trusted Types are required for every script sink (innerHTML,
 * eval-like calls, script and worker URLs): see src/lib/trusted-types.ts for the one policy.
 */

/** The policy as the meta tag in the built index.html carries it. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types default',
].join('; ');

/**
 * The policy as a header: the meta tag's, plus frame-ancestors 'none' (no site may show the
 * app in a frame), which only a header can carry.
 */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

/** Every header a host serving the app should send with every response. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};
