import { useCallback, useEffect, useState } from 'react';
import {
  keepVersion,
  readDeviceVersion,
  type ConflictTable,
} from '../../db/repositories/team-conflicts';
import { formatInstantTime } from '../../lib/dates';
import type { Instant } from '../../lib/instant';
import type { ConflictEntry, SyncSessionLike, SyncStatus } from './sync-session-like';

const TABLE_WORDS: Record<ConflictTable, string> = {
  youngPeople: 'Young person',
  goals: 'Goal',
  sessions: 'Session',
  ratings: 'Score',
  closures: 'Case closure',
  resilienceMaps: 'Resilience map',
};

/** The fields that tell two versions of a record apart, by table, with their labels. */
const KEY_FIELDS: Record<ConflictTable, readonly (readonly [string, string])[]> = {
  youngPeople: [
    ['name', 'Name'],
    ['school', 'School'],
    ['status', 'Case'],
  ],
  goals: [
    ['text', 'Goal'],
    ['status', 'Status'],
  ],
  sessions: [
    ['date', 'Date'],
    ['durationMinutes', 'Minutes'],
    ['notes', 'Notes'],
  ],
  ratings: [
    ['score', 'Score'],
    ['ratedBy', 'Rated by'],
  ],
  closures: [
    ['closedOn', 'Closed on'],
    ['reason', 'Reason'],
  ],
  resilienceMaps: [['savedAt', 'Saved']],
};

function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(none)';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

function when(instant: unknown): string {
  if (typeof instant !== 'string') return 'not known';
  try {
    return formatInstantTime(instant as Instant);
  } catch {
    return 'not known';
  }
}

function Version({
  title,
  table,
  record,
}: {
  title: string;
  table: ConflictTable;
  record: Record<string, unknown> | undefined;
}) {
  return (
    <div>
      <h4>{title}</h4>
      {record ? (
        <dl className="team-section__details">
          {KEY_FIELDS[table].map(([field, label]) => (
            <div key={field}>
              <dt>{label}</dt>
              <dd>{shown(record[field])}</dd>
            </div>
          ))}
          <div>
            <dt>Changed</dt>
            <dd>{when(record.updatedAt)}</dd>
          </div>
        </dl>
      ) : (
        <p>Not on this device any more.</p>
      )}
    </div>
  );
}

interface LoadedConflict {
  entry: ConflictEntry;
  device: Record<string, unknown> | undefined;
}

function ConflictItem({
  conflict,
  onChoose,
  busy,
}: {
  conflict: LoadedConflict;
  onChoose: (conflict: LoadedConflict, keep: 'device' | 'other') => void;
  busy: boolean;
}) {
  const { entry, device } = conflict;
  const table = entry.table;
  return (
    <li>
      <h3>{TABLE_WORDS[table]}: changed on another device</h3>
      <p>
        This record was changed on two devices before they synced. The version shown in the app is
        the newer one; the other was set aside on {when(entry.keptAt)}. Choose which to keep.
      </p>
      <div className="team-section__versions">
        <Version title="This device's version" table={table} record={device} />
        <Version
          title="The other version"
          table={table}
          record={entry.record as unknown as Record<string, unknown>}
        />
      </div>
      <div className="team-section__actions">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => onChoose(conflict, 'device')}
        >
          Keep this device&apos;s version
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={() => onChoose(conflict, 'other')}
        >
          Keep the other version
        </button>
      </div>
    </li>
  );
}

/**
 * "Changed on another device": the versions set aside after conflicts, each beside the
 * device's version, with the coach's choice. The chosen version is saved again (so it wins
 * on every device), then the entry is dismissed everywhere.
 */
export function ConflictList({
  session,
  status,
  now,
}: {
  session: SyncSessionLike;
  status: SyncStatus | null;
  now: () => Date;
}) {
  const [conflicts, setConflicts] = useState<LoadedConflict[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(async () => {
    const entries = await session.conflicts();
    const loaded = await Promise.all(
      entries.map(async (entry) => ({
        entry,
        device: await readDeviceVersion(entry.table, entry.id),
      })),
    );
    return loaded;
  }, [session]);

  useEffect(() => {
    let current = true;
    load().then(
      (loaded) => {
        if (current) setConflicts(loaded);
      },
      () => {
        if (current) setConflicts([]);
      },
    );
    return () => {
      current = false;
    };
    // Loaded again as the status changes: a sync may bring or settle conflicts.
  }, [load, status]);

  const choose = async (conflict: LoadedConflict, keep: 'device' | 'other') => {
    setBusy(true);
    setProblem(null);
    try {
      const chosen = keep === 'device' ? conflict.device : conflict.entry.record;
      if (chosen) await keepVersion(conflict.entry.table, chosen, now());
      await session.dismissConflict(conflict.entry.entryId);
      setConflicts(await load());
    } catch {
      setProblem('That choice could not be saved. Nothing was changed; please try again.');
    } finally {
      setBusy(false);
    }
  };

  if (conflicts === null) return <p role="status">Loading…</p>;
  return (
    <>
      <h3>Changed on another device</h3>
      {problem && <p role="alert">{problem}</p>}
      {conflicts.length === 0 ? (
        <p>No records were changed on two devices at once.</p>
      ) : (
        <ul className="team-section__list" aria-label="Changed on another device">
          {conflicts.map((conflict) => (
            <ConflictItem
              key={conflict.entry.entryId}
              conflict={conflict}
              busy={busy}
              onChoose={(c, keep) => void choose(c, keep)}
            />
          ))}
        </ul>
      )}
    </>
  );
}
