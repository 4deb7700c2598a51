/** Pure wording and shapes for the restore screens. */
import { parseISO } from 'date-fns';
import { backupFileName, type RestorePlan, type RestoreResult } from '../../db/repositories/backup';
import {
  describeBackupProblem,
  type BackupProblem,
  type RecordArray,
} from '../../domain/backup-file';
import type { CheckedBackup } from './check-backup';

/** Where the restore has got to. */
export type RestoreState =
  | { step: 'idle' }
  | { step: 'checking'; fileName: string }
  | {
      step: 'invalid';
      fileName: string;
      message: string;
      problems: BackupProblem[];
      moreProblems: number;
    }
  | { step: 'passphrase'; fileName: string; text: string; error: string | null; opening: boolean }
  | {
      step: 'ready';
      fileName: string;
      backup: CheckedBackup;
      plan: RestorePlan;
      error: string | null;
      restoring: boolean;
    }
  | { step: 'done'; fileName: string; result: RestoreResult };

/** How many problems the report lists before "and N more". */
export const PROBLEMS_SHOWN = 50;

/** The problems to list, and how many more there are (including any the parser left off). */
export function problemLines(
  problems: readonly BackupProblem[],
  moreProblems: number,
  shown = PROBLEMS_SHOWN,
): { lines: string[]; more: number } {
  const lines = problems.slice(0, shown).map(describeBackupProblem);
  return { lines, more: Math.max(0, problems.length - shown) + moreProblems };
}

/** The record arrays, in the order the preview and result show them. */
export const RECORD_KINDS: readonly { key: RecordArray; label: string }[] = [
  { key: 'youngPeople', label: 'Young people' },
  { key: 'goals', label: 'Goals' },
  { key: 'sessions', label: 'Sessions' },
  { key: 'ratings', label: 'Ratings' },
  { key: 'closures', label: 'Case closures' },
  { key: 'resilienceMaps', label: 'Resilience maps' },
];

/** "1 record", "3 records". */
export function countOf(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** One row of the preview table. */
export interface PlanRow {
  key: RecordArray;
  label: string;
  inFile: number;
  new: number;
  changed: number;
  unchanged: number;
}

/** The preview table's rows: each kind of record in the file, against the device. */
export function planRows(plan: RestorePlan): PlanRow[] {
  return RECORD_KINDS.map(({ key, label }) => {
    const { inFile, new: added, changed, unchanged } = plan.arrays[key];
    return { key, label, inFile, new: added, changed, unchanged };
  });
}

const isAre = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'is' : 'are'}`;

/** Under "Merge": what merging would add, update and keep. */
export function mergeHint(plan: RestorePlan): string {
  const { new: added, changed, fileNewer, deviceNewer } = plan.total;
  const differ =
    changed === 0
      ? 'No record differs from the one on this device.'
      : `Of the records that differ, ${isAre(fileNewer)} newer in the file and will be updated; ${isAre(deviceNewer)} newer on this device and will be kept.`;
  return `${countOf(added, 'new record', 'new records')} will be added. ${differ} Nothing is removed.`;
}

/** Under "Replace": what would be lost, and that a safety copy is kept. */
export function replaceWarning(plan: RestorePlan): string {
  if (plan.onDevice === 0) return 'There are no records on this device yet, so nothing is lost.';
  const removed = plan.removedByReplace;
  const lost =
    removed === 0
      ? 'Every record on this device is also in the file, but changes made here since the backup are lost.'
      : `${countOf(removed, 'record', 'records')} on this device ${removed === 1 ? 'is' : 'are'} not in the file and will be removed, and changes made here since the backup are lost.`;
  return `${lost} A safety copy of what is on this device now is kept first.`;
}

/** What a restore did, in a few lines. */
export function resultLines(result: RestoreResult): string[] {
  const { added, updated, unchanged, keptFromDevice, removed, written } = result.counts.total;
  const records = (n: number) => countOf(n, 'record', 'records');
  if (result.mode === 'replace') {
    return [
      `${records(written)} restored from the backup.`,
      removed === 0
        ? 'Nothing else was on this device.'
        : `${records(removed)} that ${removed === 1 ? 'was' : 'were'} not in the backup removed.`,
    ];
  }
  return [
    `${records(added)} added.`,
    `${records(updated)} updated with the newer version from the backup.`,
    `${records(keptFromDevice)} kept as ${keptFromDevice === 1 ? 'it was' : 'they were'} on this device, being newer here.`,
    `${records(unchanged)} already the same.`,
  ];
}

/** The safety copy's file name, from when it was saved. */
export function safetyCopyFileName(savedAt: string): string {
  return backupFileName(parseISO(savedAt), 'safety-copy');
}
