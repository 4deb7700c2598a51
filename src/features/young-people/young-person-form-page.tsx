import { useCallback, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ChangedElsewhereNote } from '../../components/ui/changed-elsewhere-note';
import { DemoDataNotice } from '../../components/ui/demo-data-notice';
import { useExploringDemoData } from '../../db/hooks/use-lock-state';
import { MissingMessage } from '../../components/ui/missing-message';
import { PageHeader } from '../../components/ui/page-header';
import { useFormSubmit } from '../../components/ui/use-form-submit';
import type { YoungPerson } from '../../domain/schemas';
import { useYoungPersonDetail } from '../../db/hooks/core';
import {
  createYoungPerson,
  findPossibleDuplicates,
  updateYoungPerson,
} from '../../db/repositories/young-people';
import { showToast } from '../../stores/toast-store';
import { EraseYoungPerson } from './erase-young-person';
import { YoungPersonForm, initialValues, type YoungPersonFormValues } from './young-person-form';
import './young-people.css';

interface FormPageProps {
  existing: YoungPerson | null;
}

/**
 * Add or edit a young person. Saving warns once about a possible duplicate (same name and
 * date of birth); saving again adds them anyway, since two young people can share initials.
 */
function YoungPersonFormPage({ existing }: FormPageProps) {
  const navigate = useNavigate();
  const [values, setValues] = useState(() => initialValues(existing));
  const [duplicates, setDuplicates] = useState<YoungPerson[]>([]);
  const [warned, setWarned] = useState(false);
  // The record's updatedAt when the form opened: a save is refused if it changed since.
  const [openedAt] = useState(existing?.updatedAt);

  const save = useCallback(async (): Promise<YoungPerson | null> => {
    if (!warned) {
      const found = await findPossibleDuplicates(
        values.name,
        values.dateOfBirth || null,
        existing?.id,
      );
      if (found.length > 0) {
        setDuplicates(found);
        setWarned(true);
        return null;
      }
    }
    return existing
      ? updateYoungPerson(existing.id, values, undefined, openedAt)
      : createYoungPerson(values);
  }, [values, warned, existing, openedAt]);

  const onSaved = useCallback(
    (saved: YoungPerson | null) => {
      if (!saved) return;
      showToast(existing ? `${saved.name}'s details saved` : `${saved.name} added to the caseload`);
      navigate(`/young-people/${saved.id}`);
    },
    [navigate, existing],
  );
  const { submit, errors, saving } = useFormSubmit(save, onSaved);

  const onChange = (next: YoungPersonFormValues) => {
    // A changed name or date of birth needs a fresh duplicate check.
    if (next.name !== values.name || next.dateOfBirth !== values.dateOfBirth) {
      setWarned(false);
      setDuplicates([]);
    }
    setValues(next);
  };

  const backTo = existing ? `/young-people/${existing.id}` : '/';
  return (
    <>
      <ChangedElsewhereNote openedAt={openedAt} storedAt={existing?.updatedAt} />
      <YoungPersonForm
        values={values}
        onChange={onChange}
        errors={errors}
        duplicates={duplicates}
        saving={saving}
        submitLabel={existing ? 'Save changes' : 'Add young person'}
        onSubmit={() => void submit()}
        cancel={
          <Link to={backTo} className="button button--secondary">
            Cancel
          </Link>
        }
      />
    </>
  );
}

export function AddYoungPersonPage() {
  return (
    <>
      <PageHeader title="Add young person" back={{ to: '/', label: 'Back to caseload' }} />
      <YoungPersonFormPage existing={null} />
    </>
  );
}

export function EditYoungPersonPage() {
  const exploringDemo = useExploringDemoData();
  const { youngPersonId } = useParams();
  const detail = useYoungPersonDetail(youngPersonId);
  if (detail === undefined) return <p role="status">Loading…</p>;
  if (detail === null) return <MissingMessage title="Young person not found" />;
  const yp = detail.youngPerson;
  return (
    <>
      <PageHeader
        title={`Edit ${yp.name}'s details`}
        documentTitle="Edit a young person's details"
        back={{ to: `/young-people/${yp.id}`, label: `Back to ${yp.name}` }}
      />
      <DemoDataNotice shown={exploringDemo} />
      <YoungPersonFormPage existing={yp} />
      <EraseYoungPerson youngPerson={yp} />
    </>
  );
}
