import type { ReactNode } from 'react';
import { TypeToConfirmDialog } from '../../components/ui/type-to-confirm-dialog';
import { deleteYoungPersonWithRecords } from '../../db/repositories/young-people';
import type { YoungPerson } from '../../domain/schemas';
import { showToast } from '../../stores/toast-store';

interface EraseYoungPersonDialogProps {
  youngPerson: Pick<YoungPerson, 'id' | 'name'>;
  onCancel: () => void;
  /** Runs once everything of theirs is erased and the toast shown. */
  onErased: () => void;
  /** What the dialog says; by default that it cannot be undone and to export first. */
  children?: ReactNode;
}

/**
 * "Erase <name>'s records?": once the coach has typed the young person's name, removes them
 * and everything recorded about them from this device, and says so in a toast.
 */
export function EraseYoungPersonDialog({
  youngPerson,
  onCancel,
  onErased,
  children,
}: EraseYoungPersonDialogProps) {
  const { id, name } = youngPerson;
  return (
    <TypeToConfirmDialog
      title={`Erase ${name}'s records?`}
      expected={name}
      confirmLabel="Erase everything"
      onCancel={onCancel}
      onConfirm={async () => {
        await deleteYoungPersonWithRecords(id);
        showToast(`${name}'s records were erased from this device`);
        onErased();
      }}
    >
      {children ?? (
        <p>
          Everything recorded about {name} will be erased from this device. This cannot be undone.
          If the service needs to keep their records, export them first.
        </p>
      )}
    </TypeToConfirmDialog>
  );
}
