import type { MergeRefusal } from '../../domain/merge-rules';
import { refusalLines } from './restore-model';

interface RefusalListProps {
  /** The refused records listed by name (the first ones). */
  refusals: readonly MergeRefusal[];
  /** How many were refused in all. */
  total: number;
  heading: string;
}

/** The file's records a merge does not take because the app would not allow the change. */
export function RefusalList({ refusals, total, heading }: RefusalListProps) {
  if (total === 0) return null;
  const { lines, more } = refusalLines(refusals, total);
  return (
    <div className="backup__refusals">
      <h4>{heading}</h4>
      <ul className="backup__problems">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
        {more > 0 && <li>and {more.toLocaleString('en-GB')} more</li>}
      </ul>
    </div>
  );
}
