import { useEffect, useRef } from 'react';

/**
 * Calls `onChange` with a form's values each time they change after it first renders
 * (not for the values it opened with): how a form tells its page to keep a draft.
 */
export function useValuesChange<T>(values: T, onChange: ((values: T) => void) | undefined): void {
  const first = useRef(values);
  const callback = useRef(onChange);
  useEffect(() => {
    callback.current = onChange;
  });
  useEffect(() => {
    if (values !== first.current) callback.current?.(values);
  }, [values]);
}
