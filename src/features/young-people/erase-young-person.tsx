import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { TypeToConfirmDialog } from '../../components/ui/type-to-confirm-dialog';
import { deleteYoungPersonWithRecords } from '../../db/repositories/young-people';
import type { YoungPerson } from '../../domain/schemas';
import { showToast } from '../../stores/toast-store';

/**
 * "Erase this young person": removes them and everything recorded about them from this
 * device, once the coach has typed their name. Backups made earlier are not touched.
 */
export function EraseYoungPerson({ youngPerson }: { youngPerson: YoungPerson }) {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const { name } = youngPerson;
  return (
    <section className="erase-young-person" aria-labelledby="erase-heading">
      <h2 id="erase-heading">Erase {name}&apos;s records</h2>
      <p>
        This removes {name} and everything recorded about them from this device: goals, scores,
        sessions, notes, closure details, resilience maps and drafts. It cannot be undone. Backup
        files saved earlier are not changed.
      </p>
      <button type="button" className="button button--danger" onClick={() => setOpen(true)}>
        Erase {name}&apos;s records
      </button>
      {open && (
        <TypeToConfirmDialog
          title={`Erase ${name}'s records?`}
          expected={name}
          confirmLabel="Erase everything"
          onCancel={() => setOpen(false)}
          onConfirm={async () => {
            await deleteYoungPersonWithRecords(youngPerson.id);
            showToast(`${name}'s records were erased from this device`);
            navigate('/', { replace: true });
          }}
        >
          <p>
            Everything recorded about {name} will be erased from this device. This cannot be undone.
            If the service needs to keep their records, export them first.
          </p>
        </TypeToConfirmDialog>
      )}
    </section>
  );
}
