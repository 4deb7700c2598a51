import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { ServiceReport } from '../../domain/report';
import { LocationsTable, MovesTable, NobleTruthsTable } from './count-tables';
import { DomainChart } from './domain-chart';
import { FigureItem } from './figure-item';
import {
  formatDays,
  formatMean,
  formatMeanChange,
  formatOutOfTen,
  formatShare,
} from './report-format';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="report-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div className="report-section__figures">{children}</div>
    </section>
  );
}

/** Every figure of the report, in sections. */
export function ReportFigures({ report: r }: { report: ServiceReport }) {
  const perPerson = r.goalsPerYoungPerson.value;
  return (
    <div className="service-report__figures">
      <Section id="report-people" title="Young people and goals">
        <FigureItem
          id="youngPeople"
          figure={r.youngPeople}
          value={String(r.youngPeople.value)}
          showBasis={false}
        />
        <FigureItem
          id="closedCases"
          figure={r.closedCases}
          value={String(r.closedCases.value)}
          showBasis={false}
        />
        <FigureItem id="goals" figure={r.goals} value={String(r.goals.value)} showBasis={false} />
        <FigureItem
          id="goalsPerYoungPerson"
          figure={r.goalsPerYoungPerson}
          value={
            perPerson
              ? `${perPerson.least} to ${perPerson.most}, mean ${formatMean(perPerson.mean)}`
              : formatMean(null)
          }
        />
      </Section>
      <Section id="report-domains" title="Goals per domain">
        <FigureItem id="goalsPerDomain" figure={r.goalsPerDomain}>
          <DomainChart value={r.goalsPerDomain.value} />
        </FigureItem>
      </Section>
      <Section id="report-goals" title="Progress on goals">
        <p className="report-section__note">
          Reliable change threshold: {r.threshold} points (
          <Link to="/settings">change it in Settings</Link>).
        </p>
        <FigureItem
          id="meanBaseline"
          figure={r.meanBaseline}
          value={formatMean(r.meanBaseline.value)}
        />
        <FigureItem
          id="meanClosingScore"
          figure={r.meanClosingScore}
          value={formatMean(r.meanClosingScore.value)}
        />
        <FigureItem
          id="meanChange"
          figure={r.meanChange}
          value={formatMeanChange(r.meanChange.value)}
        />
        <FigureItem
          id="goalsImproved"
          figure={r.goalsImproved}
          value={formatShare(r.goalsImproved.value)}
        />
        <FigureItem
          id="goalsReliablyImproved"
          figure={r.goalsReliablyImproved}
          value={formatShare(r.goalsReliablyImproved.value)}
        />
        <FigureItem
          id="goalsReliablyDeteriorated"
          figure={r.goalsReliablyDeteriorated}
          value={formatShare(r.goalsReliablyDeteriorated.value)}
        />
      </Section>
      <Section id="report-young-people" title="Progress per young person">
        <FigureItem
          id="youngPeopleImproved"
          figure={r.youngPeopleImproved}
          value={formatShare(r.youngPeopleImproved.value)}
        />
        <FigureItem
          id="youngPeopleReliablyImproved"
          figure={r.youngPeopleReliablyImproved}
          value={formatShare(r.youngPeopleReliablyImproved.value)}
        />
        <FigureItem
          id="youngPeopleReliablyDeteriorated"
          figure={r.youngPeopleReliablyDeteriorated}
          value={formatShare(r.youngPeopleReliablyDeteriorated.value)}
        />
      </Section>
      <Section id="report-sessions" title="Sessions">
        <FigureItem
          id="sessions"
          figure={r.sessions}
          value={String(r.sessions.value)}
          showBasis={false}
        />
        <FigureItem id="sessionLocations" figure={r.sessionLocations} showBasis={false}>
          <LocationsTable rows={r.sessionLocations.value} />
        </FigureItem>
      </Section>
      <Section id="report-support" title="Length of support and waiting time">
        <FigureItem
          id="meanSessionsPerClosedCase"
          figure={r.meanSessionsPerClosedCase}
          value={formatMean(r.meanSessionsPerClosedCase.value)}
        />
        <FigureItem
          id="closedWithinEightSessions"
          figure={r.closedWithinEightSessions}
          value={formatShare(r.closedWithinEightSessions.value)}
        />
        <FigureItem
          id="meanWaitingDays"
          figure={r.meanWaitingDays}
          value={formatDays(r.meanWaitingDays.value)}
        />
        <FigureItem
          id="seenWithin56Days"
          figure={r.seenWithin56Days}
          value={formatShare(r.seenWithin56Days.value)}
        />
        <FigureItem
          id="seenWithin126Days"
          figure={r.seenWithin126Days}
          value={formatShare(r.seenWithin126Days.value)}
        />
      </Section>
      <Section id="report-satisfaction" title="Satisfaction">
        <FigureItem
          id="meanYoungPersonSatisfaction"
          figure={r.meanYoungPersonSatisfaction}
          value={formatOutOfTen(r.meanYoungPersonSatisfaction.value)}
        />
        <FigureItem
          id="meanParentCarerSatisfaction"
          figure={r.meanParentCarerSatisfaction}
          value={formatOutOfTen(r.meanParentCarerSatisfaction.value)}
        />
      </Section>
      <Section id="report-practice" title="Moves and noble truths">
        <FigureItem id="topMoves" figure={r.topMoves}>
          <MovesTable rows={r.topMoves.value} />
        </FigureItem>
        <FigureItem id="nobleTruths" figure={r.nobleTruths}>
          <NobleTruthsTable rows={r.nobleTruths.value} />
        </FigureItem>
      </Section>
    </div>
  );
}
