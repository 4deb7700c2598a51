/// <reference types="vitest/config" />
import process from 'node:process';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './security-headers.ts';

// Colours from src/styles/global.css: --accent (the header and buttons) and --bg.
const THEME_COLOUR = '#1d4ed8';
const BACKGROUND_COLOUR = '#ffffff';

// The Content-Security-Policy (with Trusted Types required) and the other security headers
// live in security-headers.ts, shared with public/_headers and docs/deployment.md. The built
// index.html carries the policy as a meta tag (the dev server needs inline scripts for hot
// reload, so it has none); `vite preview` sends every header, frame-ancestors included.
function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

// The team server (CouchDB, issue 14) is reached on the app's own origin, under /couchdb/, so
// the Content-Security-Policy keeps `connect-src 'self'`. In deployment the service's reverse
// proxy does this (docs/team.md); in `vite` and `vite preview` this proxy does, to the server
// at TEAM_SERVER_URL (`npm run dev:team` starts one in memory on 127.0.0.1:5984).
const TEAM_SERVER_URL = process.env.TEAM_SERVER_URL ?? 'http://127.0.0.1:5984';
const TEAM_PATH = /^\/couchdb(?=\/|$)/;
const TEAM_PROXY: Record<string, ProxyOptions> = {
  '^/couchdb(/|$)': {
    target: TEAM_SERVER_URL,
    changeOrigin: true,
    rewrite: (path) => path.replace(TEAM_PATH, '') || '/',
    configure: (proxy) => {
      // A 401 must not open the browser's own sign-in box: the app asks for credentials.
      proxy.on('proxyRes', (response) => {
        delete response.headers['www-authenticate'];
      });
    },
  },
};

// Unit tests that need a page (window events and timers, localStorage, navigator.storage):
// they run in jsdom with the rendering set-up, the rest of tests/unit in Node.
const UNIT_TESTS_WITH_A_PAGE = [
  'tests/unit/app/lock-across-tabs.test.ts',
  'tests/unit/lib/storage.test.ts',
  'tests/unit/db/encryption/lock-control.test.ts',
  'tests/unit/app/unlock-limit.test.ts',
];

export default defineConfig({
  plugins: [
    react(),
    contentSecurityPolicy(),
    // An installable app whose service worker precaches every file of the build, so after
    // one visit it starts with no network at all. A new version waits until the coach
    // chooses "Reload" (src/app/layout/update-prompt.tsx): nothing is swapped mid-session.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        id: '/',
        name: 'Resilience coaching',
        short_name: 'Resilience',
        description:
          'Resilience Framework coaching: goals, sessions and 0-10 progress, kept on this device.',
        lang: 'en-GB',
        theme_color: THEME_COLOUR,
        background_color: BACKGROUND_COLOUR,
        display: 'standalone',
        start_url: '/',
        scope: '/',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: '/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,webmanifest}'],
        // Any address the app knows (a young person's page, say) opens offline too.
        navigateFallback: '/index.html',
        // …but not the team server's addresses, which belong to CouchDB behind the proxy.
        navigateFallbackDenylist: [/^\/couchdb(\/|$)/],
        cleanupOutdatedCaches: true,
        // The page is controlled from its first visit; updates still wait for "Reload".
        clientsClaim: true,
        skipWaiting: false,
        // Nothing from other origins is ever cached (the app loads nothing from them).
        runtimeCaching: [],
        // The Workbox runtime is written into sw.js itself: a service worker gets its CSP from
        // sw.js's own headers, which require Trusted Types, and loading the runtime as a
        // separate file (importScripts with a plain string) would be refused there.
        inlineWorkboxRuntime: true,
      },
    }),
  ],
  server: { port: 5173, strictPort: true, proxy: TEAM_PROXY },
  preview: {
    port: 4173,
    strictPort: true,
    headers: { ...SECURITY_HEADERS },
    proxy: TEAM_PROXY,
  },
  build: { sourcemap: true },
  test: {
    restoreMocks: true,
    // Limits for a busy two-core machine: a test that is merely slow must not fail. Waits are
    // on conditions (tests/setup-dom.ts), never on durations.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        // Logic with no page: Node, with fake-indexeddb and Web Crypto. No jsdom to set up,
        // which was about a quarter of the suite's time.
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          setupFiles: ['./tests/setup.ts'],
          include: ['tests/unit/**/*.test.ts', 'tests/property/**/*.test.ts'],
          exclude: UNIT_TESTS_WITH_A_PAGE,
        },
      },
      {
        // Anything that renders, or needs the DOM (a file can also ask for jsdom with a
        // `@vitest-environment jsdom` comment at its top).
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          setupFiles: ['./tests/setup.ts', './tests/setup-dom.ts'],
          include: [
            'tests/unit/**/*.test.tsx',
            'tests/components/**/*.test.{ts,tsx}',
            ...UNIT_TESTS_WITH_A_PAGE,
          ],
        },
      },
    ],
  },
});
