import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/ui/page-header';

interface MissingMessageProps {
  title: string;
  message: string;
  back: { to: string; label: string };
}

/** What a page shows when the record it is about does not exist (any more). */
export function MissingMessage({ title, message, back }: MissingMessageProps) {
  return (
    <>
      <PageHeader title={title} />
      <p>{message}</p>
      <p>
        <Link to={back.to}>{back.label}</Link>
      </p>
    </>
  );
}
