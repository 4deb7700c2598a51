import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { YoungPerson } from '../../domain/schemas';
import { EraseYoungPersonDialog } from './erase-young-person-dialog';

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
        <EraseYoungPersonDialog
          youngPerson={youngPerson}
          onCancel={() => setOpen(false)}
          onErased={() => navigate('/', { replace: true })}
        />
      )}
    </section>
  );
}
