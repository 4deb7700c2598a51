import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from './page-header';

interface MissingMessageProps {
  title: string;
  /** Where to go instead; the caseload when not given. */
  back?: { to: string; label: string };
  children?: ReactNode;
}

/** A page for a record that is not there (any more), with a way back. */
export function MissingMessage({ title, back, children }: MissingMessageProps) {
  const to = back ?? { to: '/', label: 'Back to caseload' };
  return (
    <>
      <PageHeader title={title} back={to} />
      <p>{children ?? 'There is nothing at this address. It may have been removed.'}</p>
      {!back && (
        <p>
          <Link to="/">Go to the caseload</Link>
        </p>
      )}
    </>
  );
}
