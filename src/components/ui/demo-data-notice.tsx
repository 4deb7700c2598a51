import { Link } from 'react-router-dom';
import './ui.css';

/**
 * On the forms that take free text about a young person (their details, a goal, a session,
 * closing a case, the map): before a passphrase is chosen, records are stored as they are,
 * so the coach is asked not to type anything real. (The database refuses a young person not
 * named "Demo: …" until then; notes and words cannot be told apart, hence this notice.)
 * Shown when `shown` is true: the page passes whether demo data is being explored.
 */
export function DemoDataNotice({ shown }: { shown: boolean }) {
  if (!shown) return null;
  return (
    <p className="demo-data-notice" role="note">
      You are exploring demo data. Don&apos;t type real details here: choose a passphrase first (
      <Link to="/settings">Settings</Link>) to keep real records.
    </p>
  );
}
