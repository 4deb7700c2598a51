import '@testing-library/jest-dom/vitest';
import { afterEach, beforeEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';
import { useToastStore } from '../src/stores/toast-store';

// Test files that render (jsdom), after tests/setup.ts.

// findBy… and waitFor wait on a condition, not a duration: a busy two-core machine (two test
// runs side by side) can take seconds to render a page, so give the condition time to hold.
// A real failure still fails, only later.
configure({ asyncUtilTimeout: 15_000 });

// Toasts stay until dismissed, so a slow render cannot make one go before a test reads it
// (tests/components/app/toaster.test.tsx checks that they go by themselves, on fake timers).
beforeEach(() => {
  useToastStore.setState({ toasts: [], durationMs: null });
});

afterEach(() => {
  cleanup();
});

// jsdom lacks ResizeObserver, which recharts' ResponsiveContainer needs.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;
