import { useState } from 'react';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import {
  REASON_TEXT,
  RECORD_KIND,
  damagedRecordJson,
  eraseDamagedRecord,
  type DamagedRecord,
} from '../../db/encryption/damaged-records';
import { useDamagedRecords } from '../../db/hooks/damaged-records';
import { downloadText, JSON_MIME } from '../../lib/download';
import { errorReason } from '../../lib/errors';
import { showToast } from '../../stores/toast-store';
import './damaged-records.css';

const describe = (record: DamagedRecord) =>
  `${RECORD_KIND[record.table] ?? record.table} ${record.id}`;

/** The file name of one damaged record's export: its table and id, nothing about a person. */
function exportFileName(record: DamagedRecord): string {
  const safeId = record.id.replace(/[^A-Za-z0-9-]/g, '_').slice(0, 60);
  return `resilience-coaching-damaged-${record.table}-${safeId}.json`;
}

/**
 * "Damaged records" in Settings: records on this device that failed their check (changed,
 * moved or written in by something other than this app), which no page shows. Each can be
 * downloaded as it is stored, to have it looked at, or erased. Shown only when there are any.
 */
export function DamagedRecordsSection() {
  const damaged = useDamagedRecords();
  const [erasing, setErasing] = useState<DamagedRecord | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  if (!damaged || damaged.length === 0) return null;

  const download = async (record: DamagedRecord) => {
    setProblem(null);
    try {
      const json = await damagedRecordJson(record.table, record.id);
      if (json === null) throw new Error('It is no longer damaged, or no longer there.');
      downloadText(exportFileName(record), json, JSON_MIME);
    } catch (error) {
      setProblem(`${describe(record)} could not be downloaded. ${errorReason(error)}`);
    }
  };
  const erase = async (record: DamagedRecord) => {
    setErasing(null);
    setProblem(null);
    try {
      if (!(await eraseDamagedRecord(record.table, record.id))) {
        throw new Error('It is no longer damaged, or no longer there.');
      }
      showToast(`${describe(record)} erased`);
    } catch (error) {
      setProblem(`${describe(record)} was not erased. ${errorReason(error)}`);
    }
  };

  return (
    <section className="settings__section damaged-records" aria-labelledby="damaged-heading">
      <h2 id="damaged-heading">Damaged records</h2>
      <p>
        {damaged.length === 1 ? 'One record' : `${damaged.length} records`} on this device could not
        be checked as written by this app, so no page shows {damaged.length === 1 ? 'it' : 'them'}.
        Someone may have changed the browser’s storage, or it was damaged. Download a record to have
        it looked at, or erase it. Restoring a backup brings back the records as they were.
      </p>
      {problem && (
        <p role="alert" className="damaged-records__problem">
          {problem}
        </p>
      )}
      <ul className="damaged-records__list">
        {damaged.map((record) => (
          <li key={`${record.table}/${record.id}`} className="damaged-records__item">
            <p className="damaged-records__what">
              <strong>{describe(record)}</strong>
              {record.youngPersonId && record.table !== 'youngPeople' && (
                <> (it says it belongs to young person {record.youngPersonId})</>
              )}
            </p>
            <p>{REASON_TEXT[record.reason]}</p>
            <div className="damaged-records__actions">
              <button
                type="button"
                className="button button--secondary"
                onClick={() => void download(record)}
                aria-label={`Download ${describe(record)}`}
              >
                Download
              </button>
              <button
                type="button"
                className="button button--danger"
                onClick={() => setErasing(record)}
                aria-label={`Erase ${describe(record)}`}
              >
                Erase
              </button>
            </div>
          </li>
        ))}
      </ul>
      {erasing && (
        <ConfirmDialog
          title={`Erase ${describe(erasing)}?`}
          confirmLabel="Erase it"
          danger
          onConfirm={() => void erase(erasing)}
          onCancel={() => setErasing(null)}
        >
          <p>
            It is erased from this device for good. Download it first if it should be looked at.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
