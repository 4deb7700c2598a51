import type { ReactNode } from 'react';
import { SelectField, TextField } from '../../components/ui/field';
import type { FilterErrors } from './use-report-filters';

interface ReportFiltersProps {
  from: string;
  to: string;
  programme: string | null;
  programmes: readonly string[];
  errors: FilterErrors;
  onChange: (key: 'from' | 'to' | 'programme', value: string) => void;
  /** More fields after the programme (the team report's coach). */
  children?: ReactNode;
}

/**
 * The date range and programme the report covers (and any field given as children); the
 * figures follow every change.
 */
export function ReportFilters({
  from,
  to,
  programme,
  programmes,
  errors,
  onChange,
  children,
}: ReportFiltersProps) {
  return (
    <fieldset className="report-filters">
      <legend className="report-filters__legend">What the report covers</legend>
      <div className="report-filters__row">
        <TextField
          label="From"
          name="from"
          type="date"
          width="medium"
          value={from}
          onChange={(value) => onChange('from', value)}
          error={errors.from}
        />
        <TextField
          label="To"
          name="to"
          type="date"
          width="medium"
          value={to}
          onChange={(value) => onChange('to', value)}
          error={errors.to}
        />
        <SelectField
          label="Programme"
          name="programme"
          value={programme ?? ''}
          placeholder="All programmes"
          options={programmes.map((p) => ({ value: p, label: p }))}
          onChange={(value) => onChange('programme', value)}
        />
        {children}
      </div>
    </fieldset>
  );
}
