import { useEffect, useId, useRef } from 'react';
import type { FieldErrors } from '../../domain/validation';

interface ErrorSummaryProps {
  errors: FieldErrors;
  /** Field keys in the order the form shows them, with the label to show for each. */
  labels?: Record<string, string>;
}

/**
 * The list of problems at the top of a form after a failed save. It takes focus so a
 * keyboard or screen-reader user hears what to fix; each message also sits by its field.
 */
export function ErrorSummary({ errors, labels = {} }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const entries = Object.entries(errors);
  const count = entries.length;
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [errors, count]);
  if (count === 0) return null;
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1} aria-labelledby={titleId}>
      <h2 id={titleId} className="error-summary__title">
        {count === 1 ? 'One thing needs checking' : `${count} things need checking`}
      </h2>
      <ul>
        {entries.map(([key, message]) => (
          <li key={key}>{labels[key] ? `${labels[key]}: ${message}` : message}</li>
        ))}
      </ul>
    </div>
  );
}
