import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { isIsoDate, yearEndingOn, type IsoDate } from '../../lib/dates';

export interface ReportFilters {
  from: IsoDate;
  to: IsoDate;
  /** null for all programmes. */
  programme: string | null;
}

export type FilterErrors = Partial<Record<'from' | 'to', string>>;

/** The last twelve months up to today: the range the report opens on. */
export function defaultRange(today: Date): { from: IsoDate; to: IsoDate } {
  return yearEndingOn(today);
}

/** Messages for dates that cannot make a report, by field. */
export function checkRange(from: string, to: string): FilterErrors {
  const errors: FilterErrors = {};
  if (!isIsoDate(from)) errors.from = 'Enter a real start date (day, month and year).';
  if (!isIsoDate(to)) errors.to = 'Enter a real end date (day, month and year).';
  if (!errors.from && !errors.to && from > to) {
    errors.to = 'The end date must be on or after the start date.';
  }
  return errors;
}

/**
 * The report's filters, kept in the address (?from=&to=&programme=) so a report can be
 * bookmarked and shared. `valid` is null while a date needs fixing.
 */
export function useReportFilters() {
  const [params, setParams] = useSearchParams();
  const range = useMemo(() => defaultRange(new Date()), []);
  const from = params.get('from') ?? range.from;
  const to = params.get('to') ?? range.to;
  const programme = params.get('programme') || null;
  const errors = useMemo(() => checkRange(from, to), [from, to]);
  const valid = useMemo<ReportFilters | null>(
    () => (errors.from || errors.to ? null : { from, to, programme }),
    [errors, from, to, programme],
  );

  const setFilter = (key: 'from' | 'to' | 'programme', value: string) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('from', key === 'from' ? value : from);
        next.set('to', key === 'to' ? value : to);
        if (key === 'programme') {
          if (value) next.set('programme', value);
          else next.delete('programme');
        }
        return next;
      },
      { replace: true },
    );
  };

  return { from, to, programme, errors, valid, setFilter };
}
