import { formatInstantTime } from '../../lib/dates';
import './ui.css';

/**
 * Shown on an open form when the record it changes was saved again elsewhere (another tab
 * or window) since the form opened: saving would be refused, so say so before the coach
 * types more.
 */
export function ChangedElsewhereNote({
  openedAt,
  storedAt,
}: {
  /** The record's updatedAt when the form opened. */
  openedAt: string | undefined;
  /** The record's updatedAt now. */
  storedAt: string | undefined;
}) {
  if (!openedAt || !storedAt || openedAt === storedAt) return null;
  return (
    <p className="changed-elsewhere-note" role="alert">
      This was changed in another tab or window at {formatInstantTime(storedAt)}. Saving this form
      would overwrite that change, so it will be refused: open the page again to see the change.
    </p>
  );
}
