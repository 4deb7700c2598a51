import { useCallback, useState } from 'react';
import { ValidationError, type FieldErrors } from '../../domain/validation';
import { errorReason } from '../../lib/errors';

/**
 * Runs a save, turning a ValidationError into per-field messages and any other failure
 * (a closed case, a storage error) into one message for the whole form under `_form`.
 */
export function useFormSubmit<T>(save: () => Promise<T>, onSaved: (result: T) => void) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);

  const submit = useCallback(
    async (event?: { preventDefault: () => void }) => {
      event?.preventDefault();
      if (saving) return;
      setSaving(true);
      try {
        const result = await save();
        setErrors({});
        onSaved(result);
      } catch (error) {
        if (error instanceof ValidationError) setErrors(error.fieldErrors);
        else setErrors({ _form: `Nothing was saved. ${errorReason(error)}` });
      } finally {
        setSaving(false);
      }
    },
    [save, onSaved, saving],
  );

  return { submit, errors, setErrors, saving };
}
