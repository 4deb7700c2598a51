import { postponeUpdate, useAppUpdate } from './service-worker';
import './update-prompt.css';

const MESSAGES = {
  waiting:
    'A new version of the app is ready. Nothing changes until you reload, so finish what you are doing first.',
  'updated-elsewhere':
    'The app was updated in another tab. Reload this tab to carry on with the new version.',
} as const;

/**
 * "Update available", with "Reload" and "Later", when a new version of the app is waiting.
 * Polite and not modal: it never takes focus and never reloads by itself. Renders nothing
 * without a service worker (in development and tests).
 */
export function UpdatePrompt() {
  const { active, status, postponed, reload } = useAppUpdate();
  if (!active) return null;
  return (
    <div className="update-prompt-region" role="status">
      {status !== 'none' && !postponed && (
        <div className="update-prompt">
          <p className="update-prompt__message">
            <strong>Update available.</strong> {MESSAGES[status]}
          </p>
          <div className="update-prompt__actions">
            <button type="button" className="button" onClick={reload}>
              Reload
            </button>
            <button type="button" className="button button--secondary" onClick={postponeUpdate}>
              Later
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
