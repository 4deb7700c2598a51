import { useDeferredValue, useState } from 'react';
import { Link } from 'react-router-dom';
import { TextField } from '../../components/ui/field';
import { PageHeader } from '../../components/ui/page-header';
import { useCaseload } from '../../db/hooks';
import { CaseloadList } from './caseload-list';
import { DemoBanner, FirstRun } from './first-run';
import { filterCaseload } from './filter-caseload';
import './young-people.css';

/** The home page: every young person, open cases first, with a search by name. */
export function CaseloadPage() {
  const rows = useCaseload();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);

  const addButton = (
    <Link to="/young-people/new" className="button">
      Add young person
    </Link>
  );

  if (rows === undefined) {
    return (
      <>
        <PageHeader title="Caseload" />
        <p role="status">Loading the caseload…</p>
      </>
    );
  }
  if (rows.length === 0) {
    return (
      <>
        <PageHeader title="Caseload" actions={addButton} />
        <FirstRun />
      </>
    );
  }

  const shown = filterCaseload(rows, deferredQuery);
  const open = rows.filter((r) => r.youngPerson.status === 'open').length;
  return (
    <>
      <PageHeader title="Caseload" actions={addButton}>
        <p className="caseload__summary">
          {open} open {open === 1 ? 'case' : 'cases'}, {rows.length - open} closed
        </p>
      </PageHeader>
      <DemoBanner />
      <div className="caseload__search" role="search">
        <TextField
          label="Search by name"
          name="search"
          type="search"
          value={query}
          onChange={setQuery}
          autoComplete="off"
          width="medium"
        />
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {query ? `${shown.length} of ${rows.length} young people shown` : ''}
      </p>
      {shown.length === 0 ? (
        <p className="empty-state">No one in the caseload matches “{query}”.</p>
      ) : (
        <CaseloadList rows={shown} />
      )}
    </>
  );
}
