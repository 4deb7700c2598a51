import { useEffect, useMemo, useState } from 'react';
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
 * The report's filters. The dates are kept in the address (?from=&to=) so a report can be
 * bookmarked; the programme is not: a programme's name can say what a young person is being
 * helped with ("Self-Harm Support"), and the address bar, the browser's history and its
 * bookmarks are kept unencrypted. The programme is held in the page's memory instead (back to
 * all programmes when the page is left). An address from before this change that still names
 * one is read once, then the programme is taken out of it. `valid` is null while a date needs
 * fixing.
 */
export function useReportFilters() {
  const [params, setParams] = useSearchParams();
  const range = useMemo(() => defaultRange(new Date()), []);
  const from = params.get('from') ?? range.from;
  const to = params.get('to') ?? range.to;
  const [programme, setProgramme] = useState<string | null>(() => params.get('programme') || null);
  const programmeInAddress = params.has('programme');
  useEffect(() => {
    if (!programmeInAddress) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete('programme');
        return next;
      },
      { replace: true },
    );
  }, [programmeInAddress, setParams]);
  const errors = useMemo(() => checkRange(from, to), [from, to]);
  const valid = useMemo<ReportFilters | null>(
    () => (errors.from || errors.to ? null : { from, to, programme }),
    [errors, from, to, programme],
  );

  const setFilter = (key: 'from' | 'to' | 'programme', value: string) => {
    if (key === 'programme') {
      setProgramme(value || null);
      return;
    }
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('from', key === 'from' ? value : from);
        next.set('to', key === 'to' ? value : to);
        next.delete('programme');
        return next;
      },
      { replace: true },
    );
  };

  return { from, to, programme, errors, valid, setFilter };
}
