import { useId, useState } from 'react';
import { ChoiceGroup } from '../../components/ui/field';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import type { RestoreOptions } from '../../db/repositories/backup/restore';
import type { RestoreMode, RestorePlan } from '../../domain/restore-plan';
import { RefusalList } from './refusal-list';
import {
  bringBackLabel,
  countOf,
  erasedNotice,
  mergeHint,
  planRows,
  replaceWarning,
} from './restore-model';

interface RestorePreviewProps {
  fileName: string;
  plan: RestorePlan;
  restoring: boolean;
  error: string | null;
  onRestore: (mode: RestoreMode, options: RestoreOptions) => void;
}

function PlanTable({ plan, fileName }: { plan: RestorePlan; fileName: string }) {
  return (
    <div className="backup__table-wrap">
      <table className="backup__table">
        <caption>What {fileName} holds, compared with this device</caption>
        <thead>
          <tr>
            <th scope="col">Records</th>
            <th scope="col">In the file</th>
            <th scope="col">New</th>
            <th scope="col">Changed</th>
            <th scope="col">Unchanged</th>
          </tr>
        </thead>
        <tbody>
          {planRows(plan).map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td>{row.inFile}</td>
              <td>{row.new}</td>
              <td>{row.changed}</td>
              <td>{row.unchanged}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The file's records a merge would refuse: the first ones, and how many in all. */
function refusedBy(plan: RestorePlan, bringBackErased: boolean) {
  const leftOut = plan.erased.youngPeople > 0 && !bringBackErased;
  const total = leftOut ? plan.erased.mergeTotal : plan.total;
  return {
    refusals: leftOut ? plan.erased.mergeRefusals : plan.refusals,
    total: total.refusedNew + total.refusedNewer,
  };
}

/** What restoring would do, the choice of merge or replace, and the Restore button. */
export function RestorePreview({
  fileName,
  plan,
  restoring,
  error,
  onRestore,
}: RestorePreviewProps) {
  const [mode, setMode] = useState<RestoreMode | null>(null);
  const [missing, setMissing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // Young people erased on this device stay erased in a merge unless the coach says otherwise.
  const [bringBackErased, setBringBackErased] = useState(false);
  const bringBackId = useId();
  const erased = erasedNotice(plan);
  const start = () => {
    setMissing(mode === null);
    if (mode === 'replace') setConfirming(true);
    else if (mode === 'merge') onRestore('merge', { bringBackErased });
  };
  return (
    <div className="backup__panel">
      <h3>Check what this backup will do</h3>
      <PlanTable plan={plan} fileName={fileName} />
      {erased && <p className="backup__erased">{erased}</p>}
      <ChoiceGroup<RestoreMode>
        legend="How should this backup be restored?"
        name="restoreMode"
        type="radio"
        value={mode ? [mode] : []}
        onChange={([chosen]) => {
          setMode(chosen ?? null);
          setMissing(false);
        }}
        error={missing ? 'Choose how to restore this backup.' : undefined}
        options={[
          {
            value: 'merge',
            label: 'Merge with what is on this device (the newer version of each record is kept)',
            hint: mergeHint(plan, bringBackErased),
          },
          {
            value: 'replace',
            label: 'Replace everything on this device',
            hint: replaceWarning(plan),
          },
        ]}
      />
      {mode === 'merge' && (
        <RefusalList
          heading="Not taken from the file in a merge"
          {...refusedBy(plan, bringBackErased)}
        />
      )}
      {mode === 'merge' && erased && (
        <div className="choice backup__bring-back">
          <input
            id={bringBackId}
            type="checkbox"
            checked={bringBackErased}
            onChange={(e) => setBringBackErased(e.target.checked)}
          />
          <label htmlFor={bringBackId}>{bringBackLabel(plan)}</label>
        </div>
      )}
      {error && (
        <p role="alert" className="backup__error">
          {error}
        </p>
      )}
      <button type="button" className="button" disabled={restoring} onClick={start}>
        Restore
      </button>
      {restoring && (
        <p role="status" className="backup__busy">
          Restoring… this may take a minute for a large backup
        </p>
      )}
      {confirming && (
        <ConfirmDialog
          title="Replace everything on this device?"
          confirmLabel="Replace everything"
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            onRestore('replace', {});
          }}
        >
          <p>{replaceWarning(plan)}</p>
          <p>{countOf(plan.total.inFile, 'record', 'records')} from the backup will be restored.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
