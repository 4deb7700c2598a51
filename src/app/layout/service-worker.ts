import { create } from 'zustand';
import { showToast } from '../../stores/toast-store';

/**
 * The service worker that lets the app start with no network (vite-plugin-pwa, set up in
 * vite.config.ts). A new version installs in the background and then waits: the coach is
 * told ("Update available") and chooses when to reload, so nothing is swapped mid-session.
 */

export interface AppUpdateState {
  /** True once the service worker is being registered (production builds only). */
  active: boolean;
  /**
   * 'waiting': a new version is installed and waits for "Reload". 'updated-elsewhere': the
   * coach reloaded into the new version in another tab, so this tab runs the old one.
   */
  status: 'none' | 'waiting' | 'updated-elsewhere';
  /** The coach chose "Later": the prompt is hidden until the next new version. */
  postponed: boolean;
  /** "Reload": the waiting version takes over and the page reloads into it. */
  reload: () => void;
}

export const useAppUpdate = create<AppUpdateState>(() => ({
  active: false,
  status: 'none',
  postponed: false,
  reload: () => window.location.reload(),
}));

const HOUR_MS = 60 * 60 * 1000;

let started = false;
let reloadAsked = false;

/** Registers the service worker once, after the first screen; does nothing in dev and tests. */
export function registerServiceWorker(): void {
  if (started || !import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  started = true;
  useAppUpdate.setState({ active: true });
  import('virtual:pwa-register')
    .then(({ registerSW }) => {
      const activateUpdate = registerSW({
        onNeedRefresh: announceWaitingVersion,
        // The new version took control: reload only if this tab asked for it.
        onNeedReload: () => {
          if (reloadAsked) window.location.reload();
          else useAppUpdate.setState({ status: 'updated-elsewhere', postponed: false });
        },
        onOfflineReady: () => showToast('Ready to work offline'),
        // A long session still hears of a new version: look for one every hour when online.
        onRegisteredSW: (_url, registration) => {
          if (!registration) return;
          window.setInterval(() => {
            if (navigator.onLine) registration.update().catch(() => undefined);
          }, HOUR_MS);
        },
      });
      useAppUpdate.setState({
        reload: () => {
          reloadAsked = true;
          if (useAppUpdate.getState().status === 'waiting') void activateUpdate();
          else window.location.reload();
        },
      });
    })
    .catch(() => useAppUpdate.setState({ active: false }));
}

/**
 * A new version is installed and waiting. workbox-window can report one waiting version
 * twice (as "installed" by another client, then as "waiting"), so a second report of the
 * same wait must not undo "Later".
 */
export function announceWaitingVersion(): void {
  useAppUpdate.setState((state) =>
    state.status === 'waiting' ? state : { status: 'waiting', postponed: false },
  );
}

/** "Later": hides the prompt; the new version still waits for the next start of the app. */
export function postponeUpdate(): void {
  useAppUpdate.setState({ postponed: true });
}
