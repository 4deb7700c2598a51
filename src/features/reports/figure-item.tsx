import { useId, type ReactNode } from 'react';
import {
  REPORT_FIGURES,
  restsOnFewClosedCases,
  type Figure,
  type FigureId,
} from '../../domain/report';
import { describeBasis } from './report-format';

interface FigureItemProps {
  id: FigureId;
  figure: Figure<unknown>;
  /** The value as it reads; leave out for a figure shown as a table or chart (children). */
  value?: string;
  children?: ReactNode;
}

/**
 * One figure: its label and value, what it rests on (unless a plain count), a note when it
 * rests on fewer than 10 closed cases, and "How is this worked out?" with its definition.
 */
export function FigureItem({ id, figure, value, children }: FigureItemProps) {
  const labelId = useId();
  const { label, definition, showBasis } = REPORT_FIGURES[id];
  const few = restsOnFewClosedCases(figure);
  return (
    <div className="report-figure" role="group" aria-labelledby={labelId}>
      <div className="report-figure__head">
        <span className="report-figure__label" id={labelId}>
          {label}
        </span>
        {value !== undefined && <span className="report-figure__value">{value}</span>}
      </div>
      {showBasis && <p className="report-figure__basis">{describeBasis(figure.basis)}</p>}
      {few && (
        <p className="report-figure__warning">
          Rests on fewer than 10 closed cases ({figure.basis.closedCases})
        </p>
      )}
      {children}
      <details className="report-figure__how">
        <summary>How is this worked out?</summary>
        <p>{definition}</p>
      </details>
    </div>
  );
}
