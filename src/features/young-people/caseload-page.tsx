import { useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { TextField } from '../../components/ui/field';
import { PageHeader } from '../../components/ui/page-header';
import { ShowMore } from '../../components/ui/show-more';
import { useCaseloadPeople } from '../../db/hooks/caseload';
import { CaseloadList } from './caseload-list';
import { DemoBanner, FirstRun } from './first-run';
import { filterPeople } from './filter-people';
import './young-people.css';

/** How many young people the caseload shows at first, and adds with each "Show more". */
export const CASELOAD_PAGE_SIZE = 50;

/**
 * The home page: every young person, open cases first, with a search by name. A long
 * caseload is shown 50 at a time; the search always looks through everyone. `notices`
 * (such as the backup reminder) show above the list.
 */
export function CaseloadPage({ notices }: { notices?: ReactNode }) {
  const people = useCaseloadPeople();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [limit, setLimit] = useState(CASELOAD_PAGE_SIZE);
  // The first of the young people just added by "Show more", to move focus to.
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const shown = useMemo(() => filterPeople(people ?? [], deferredQuery), [people, deferredQuery]);

  const search = (value: string) => {
    setQuery(value);
    setLimit(CASELOAD_PAGE_SIZE);
    setFocusIndex(null);
  };

  const addButton = (
    <Link to="/young-people/new" className="button">
      Add young person
    </Link>
  );

  if (people === undefined) {
    return (
      <>
        <PageHeader title="Caseload" />
        <p role="status">Loading the caseload…</p>
      </>
    );
  }
  if (people.length === 0) {
    return (
      <>
        <PageHeader title="Caseload" actions={addButton} />
        <FirstRun />
      </>
    );
  }

  const visible = shown.slice(0, limit);
  const open = people.filter((yp) => yp.status === 'open').length;
  return (
    <>
      <PageHeader title="Caseload" actions={addButton}>
        <p className="caseload__summary">
          {open} open {open === 1 ? 'case' : 'cases'}, {people.length - open} closed
        </p>
      </PageHeader>
      {notices}
      <DemoBanner />
      <div className="caseload__search" role="search">
        <TextField
          label="Search by name"
          name="search"
          type="search"
          value={query}
          onChange={search}
          autoComplete="off"
          width="medium"
        />
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {query ? `${shown.length} of ${people.length} young people shown` : ''}
      </p>
      {shown.length === 0 ? (
        <p className="empty-state">No one in the caseload matches “{query}”.</p>
      ) : (
        <>
          <CaseloadList
            ids={visible.map((yp) => yp.id)}
            blockSize={CASELOAD_PAGE_SIZE}
            focusIndex={focusIndex}
          />
          {shown.length > CASELOAD_PAGE_SIZE && (
            <ShowMore
              shown={visible.length}
              total={shown.length}
              step={CASELOAD_PAGE_SIZE}
              onShowMore={() => {
                setFocusIndex(visible.length);
                setLimit(visible.length + CASELOAD_PAGE_SIZE);
              }}
            />
          )}
        </>
      )}
    </>
  );
}
