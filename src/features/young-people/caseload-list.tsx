import { useEffect, useMemo, useRef } from 'react';
import { useCaseloadRows } from '../../db/hooks/caseload';
import { CaseloadItem } from './caseload-item';

interface CaseloadListProps {
  /** The young people to show, in order. */
  ids: string[];
  /** Rows are read in blocks of this many, so "Show more" reads only the new block. */
  blockSize: number;
  /** The row whose link takes focus once it is shown (the first one "Show more" added). */
  focusIndex?: number | null;
}

/** The caseload as a list of cards, each naming the young person and linking to their page. */
export function CaseloadList({ ids, blockSize, focusIndex = null }: CaseloadListProps) {
  const blocks: string[][] = [];
  for (let start = 0; start < ids.length; start += blockSize) {
    blocks.push(ids.slice(start, start + blockSize));
  }
  return (
    <ul className="caseload" aria-label="Young people">
      {blocks.map((block, i) => (
        <CaseloadBlock key={i} ids={block} focusFirst={focusIndex === i * blockSize} />
      ))}
    </ul>
  );
}

/**
 * One block of rows, read live for these young people only. While new ids load, rows already
 * read for them stay and no one else's row is shown.
 */
function CaseloadBlock({ ids, focusFirst }: { ids: string[]; focusFirst: boolean }) {
  const rows = useCaseloadRows(ids);
  const byId = useMemo(() => new Map(rows?.map((r) => [r.youngPerson.id, r])), [rows]);
  const shown = ids.flatMap((id) => byId.get(id) ?? []);
  const firstLink = useRef<HTMLAnchorElement>(null);
  const focused = useRef(false);
  const firstShown = shown[0]?.youngPerson.id === ids[0];

  useEffect(() => {
    if (!focusFirst) focused.current = false;
    else if (!focused.current && firstShown && firstLink.current) {
      firstLink.current.focus();
      focused.current = true;
    }
  }, [focusFirst, firstShown]);

  return shown.map((row, index) => (
    <CaseloadItem
      key={row.youngPerson.id}
      row={row}
      linkRef={index === 0 ? firstLink : undefined}
    />
  ));
}
