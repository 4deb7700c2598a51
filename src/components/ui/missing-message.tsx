import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from './page-header';
import type { FixedText } from './use-document-title';

interface MissingMessageProps<T extends string> {
  /** Fixed wording ("Goal not found"): it also names the browser tab. */
  title: FixedText<T>;
  /** Where to go instead; the caseload when not given. */
  back?: { to: string; label: string };
  children?: ReactNode;
}

/** A page for a record that is not there (any more), with a way back. */
export function MissingMessage<T extends string>({
  title,
  back,
  children,
}: MissingMessageProps<T>) {
  const to = back ?? { to: '/', label: 'Back to caseload' };
  return (
    <>
      <PageHeader title={title} documentTitle={title} back={to} />
      <p>{children ?? 'There is nothing at this address. It may have been removed.'}</p>
      {!back && (
        <p>
          <Link to="/">Go to the caseload</Link>
        </p>
      )}
    </>
  );
}
