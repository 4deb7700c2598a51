import { useConnectionProblem } from '../../db/hooks/use-connection-problem';
import './connection-banner.css';

const MESSAGES = {
  upgraded:
    'A newer version of the app was opened in another tab or window, so this page can no longer save. Your saved records are safe. Copy anything you typed here but did not save, then reload this page to carry on.',
} as const;

/**
 * Says so when this tab can no longer reach the database (another tab upgraded it), so no change is lost silently: every write fails loudly until reload.
 */
export function ConnectionBanner() {
  const problem = useConnectionProblem();
  if (!problem) return null;
  return (
    <div className="connection-banner" role="alert">
      <p>{MESSAGES[problem]}</p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        Reload now
      </button>
    </div>
  );
}
