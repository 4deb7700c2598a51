import { useId } from 'react';
import type { BackupProblem } from '../../domain/backup-checks';
import { problemLines } from './restore-model';

interface RestoreReportProps {
  fileName: string;
  message: string;
  problems: readonly BackupProblem[];
  moreProblems: number;
}

/** Why a file cannot be restored: the message, each problem by record and field, and reassurance. */
export function RestoreReport({ fileName, message, problems, moreProblems }: RestoreReportProps) {
  const headingId = useId();
  const { lines, more } = problemLines(problems, moreProblems);
  return (
    <div className="backup__report" role="alert" aria-labelledby={headingId}>
      <h3 id={headingId}>This file can&apos;t be restored</h3>
      <p className="backup__file-name">{fileName}</p>
      <p>{message}</p>
      {lines.length > 0 && (
        <ul className="backup__problems">
          {lines.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
          {more > 0 && <li>and {more.toLocaleString('en-GB')} more</li>}
        </ul>
      )}
      <p>
        <strong>Nothing has been changed.</strong>
      </p>
    </div>
  );
}
