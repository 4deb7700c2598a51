import { useEffect, useRef } from 'react';
import type { RestoreResult } from '../../db/repositories/backup/restore';
import { RefusalList } from './refusal-list';
import { resultLines } from './restore-model';
import { SafetyCopyDownload } from './safety-copy-download';

/** What the restore did; focus moves to its heading so it is heard straight away. */
export function RestoreResultPanel({ result }: { result: RestoreResult }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const { safetyCopy } = result;
  return (
    <div className="backup__panel backup__result" role="status" aria-labelledby="restore-done">
      <h3 id="restore-done" ref={headingRef} tabIndex={-1}>
        {result.mode === 'replace' ? 'Backup restored in place of what was here' : 'Backup merged'}
      </h3>
      <ul>
        {resultLines(result).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <RefusalList
        heading="Not taken from the backup"
        refusals={result.refusals}
        total={result.counts.total.refused}
      />
      {safetyCopy && (
        <>
          <p>
            A safety copy of what was on this device before is kept here until you delete it.
            Download it to keep it somewhere safe.
          </p>
          <SafetyCopyDownload fileName={safetyCopy.fileName} json={safetyCopy.json} />
        </>
      )}
    </div>
  );
}
