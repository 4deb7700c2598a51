import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/ui/page-header';

export function NotFound() {
  return (
    <>
      <PageHeader title="Page not found" />
      <p>There is no page at this address.</p>
      <p>
        <Link to="/">Go to the caseload</Link>
      </p>
    </>
  );
}
