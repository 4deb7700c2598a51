import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import {
  REPORT_FIGURES,
  REPORT_SECTIONS,
  figuresOfSection,
  isScalarFigure,
  type FigureId,
  type ListFigureId,
  type ReportSectionId,
  type ServiceReport,
} from '../../domain/report';
import { LocationsTable, MovesTable, NobleTruthsTable } from './count-tables';
import { DomainChart } from './domain-chart';
import { FigureItem } from './figure-item';
import { formatMean, formatValue } from './report-format';

/** How the page shows the figures that are more than one number: a value, or a table or chart. */
const LIST_FIGURES: Record<
  ListFigureId,
  (r: ServiceReport) => { value?: string; chart?: ReactNode }
> = {
  goalsPerYoungPerson: ({ goalsPerYoungPerson: { value: v } }) => ({
    value: v ? `${v.least} to ${v.most}, mean ${formatMean(v.mean)}` : formatMean(null),
  }),
  goalsPerDomain: (r) => ({ chart: <DomainChart value={r.goalsPerDomain.value} /> }),
  sessionLocations: (r) => ({ chart: <LocationsTable rows={r.sessionLocations.value} /> }),
  topMoves: (r) => ({ chart: <MovesTable rows={r.topMoves.value} /> }),
  nobleTruths: (r) => ({ chart: <NobleTruthsTable rows={r.nobleTruths.value} /> }),
};

/** What a section says before its figures. */
const SECTION_NOTES: Partial<Record<ReportSectionId, (r: ServiceReport) => ReactNode>> = {
  goals: (r) => (
    <p className="report-section__note">
      Reliable change threshold: {r.threshold} points (
      <Link to="/settings">change it in Settings</Link>).
    </p>
  ),
};

function ReportFigure({ id, report }: { id: FigureId; report: ServiceReport }) {
  if (isScalarFigure(id)) {
    const figure = report[id];
    return (
      <FigureItem
        id={id}
        figure={figure}
        value={formatValue(figure.value, REPORT_FIGURES[id].kind)}
      />
    );
  }
  const { value, chart } = LIST_FIGURES[id](report);
  return (
    <FigureItem id={id} figure={report[id]} value={value}>
      {chart}
    </FigureItem>
  );
}

/** Every figure of the report, in sections, as REPORT_FIGURES lists them. */
export function ReportFigures({ report }: { report: ServiceReport }) {
  return (
    <div className="service-report__figures">
      {REPORT_SECTIONS.map(({ id, title }) => (
        <section key={id} className="report-section" aria-labelledby={`report-${id}`}>
          <h2 id={`report-${id}`}>{title}</h2>
          <div className="report-section__figures">
            {SECTION_NOTES[id]?.(report)}
            {figuresOfSection(id).map((figureId) => (
              <ReportFigure key={figureId} id={figureId} report={report} />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
