import { useState } from 'react';
import type { YoungPerson } from '../../domain/schemas';
import { showToast } from '../../stores/toast-store';
import { ReopenCaseDialog } from './reopen-case-dialog';

/** "Reopen case" for a closed case: asks why, then reopens it. Shows nothing for an open case. */
export function ReopenCaseButton({ youngPerson }: { youngPerson: YoungPerson }) {
  const [open, setOpen] = useState(false);
  if (youngPerson.status !== 'closed') return null;
  return (
    <>
      <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
        Reopen case
      </button>
      {open && (
        <ReopenCaseDialog
          youngPerson={youngPerson}
          onReopened={() => {
            setOpen(false);
            showToast('Case reopened');
          }}
          onCancel={() => setOpen(false)}
        />
      )}
    </>
  );
}
