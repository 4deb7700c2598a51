import { useDeferredValue, useMemo, useState } from 'react';
import { TextField } from '../../components/ui/field';
import { PageHeader } from '../../components/ui/page-header';
import { useGoalsWithOwners } from '../../db/hooks/core';
import { DOMAINS, MOVES, movesOfDomain } from '../../domain/framework';
import { DomainSection } from './domain-section';
import { domainsWithMoves, goalCountsByDomain, goalsByMove } from './framework-model';
import { NobleTruths } from './noble-truths';
import './framework.css';

/**
 * The Resilience Framework as a reference: the five domains and 42 moves in both wordings,
 * the goals in the caseload linked to each move, a search, and the four noble truths.
 */
export function FrameworkPage() {
  const rows = useGoalsWithOwners();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);

  const byMove = useMemo(() => (rows ? goalsByMove(rows) : undefined), [rows]);
  const byDomain = useMemo(() => (rows ? goalCountsByDomain(rows) : undefined), [rows]);
  const sections = useMemo(() => domainsWithMoves(deferredQuery), [deferredQuery]);
  const matching = sections.reduce((n, s) => n + s.moves.length, 0);
  const searching = deferredQuery.trim() !== '';

  return (
    <>
      <PageHeader title="The Resilience Framework">
        <p className="framework__intro">
          Five domains and {MOVES.length} resilient moves (Hart, Blincow and Thomas, 2007), each in
          the coach’s words and in young people’s words, with the goals in your caseload linked to
          them.
        </p>
      </PageHeader>

      <nav className="framework__jump" aria-label="Domains on this page">
        <ul>
          {DOMAINS.map((d) => (
            <li key={d.id}>
              <a href={`#framework-${d.id}`} data-domain={d.id}>
                {d.name}
              </a>
            </li>
          ))}
          <li>
            <a href="#framework-truths-heading">Noble truths</a>
          </li>
        </ul>
      </nav>

      <div className="framework__search" role="search">
        <TextField
          label="Search the moves"
          hint="Finds words in either wording, for example “friends” or “calm”."
          name="move-search"
          type="search"
          width="medium"
          autoComplete="off"
          value={query}
          onChange={setQuery}
        />
        <p className="framework__matches" role="status">
          {searching
            ? matching === 0
              ? `No moves match “${deferredQuery.trim()}”.`
              : `${matching} of ${MOVES.length} moves match.`
            : ''}
        </p>
      </div>

      {rows === undefined && <p role="status">Loading the goals linked to each move…</p>}

      {sections
        .filter((s) => s.moves.length > 0)
        .map(({ domain, moves }) => (
          <DomainSection
            key={domain.id}
            domain={domain}
            moves={moves}
            totalMoves={movesOfDomain(domain.id).length}
            goalsByMove={byMove}
            goalCount={byDomain?.get(domain.id)}
          />
        ))}

      <NobleTruths />
    </>
  );
}
