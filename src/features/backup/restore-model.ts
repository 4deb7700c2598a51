/** Pure wording and shapes for the restore screens. */
import { backupFileName } from '../../db/repositories/backup/export';
import type { RestoreResult } from '../../db/repositories/backup/restore';
import { describeBackupProblem, type BackupProblem } from '../../domain/backup-checks';
import type { RecordArray } from '../../domain/backup-format';
import type { MergeRefusal, MergeRefusalReason } from '../../domain/merge-rules';
import type { RestoreCounts, RestorePlan } from '../../domain/restore-plan';
import { parseInstant } from '../../lib/dates';
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
const wasWere = (n: number) => (n === 1 ? 'was' : 'were');
const people = (n: number) => countOf(n, 'young person', 'young people');
/** "The young person", "The 3 young people". */
const thePeople = (n: number) => (n === 1 ? 'The young person' : `The ${people(n)}`);

/**
 * Said plainly before the choice when the file holds young people who were erased on this
 * device, and what each way of restoring does with them; null when it holds none.
 */
export function erasedNotice(plan: RestorePlan): string | null {
  const { youngPeople: erased, records } = plan.erased;
  if (erased === 0) return null;
  const inFile = plan.arrays.youngPeople.inFile;
  const which =
    erased === inFile
      ? erased === 1
        ? 'The young person in this file was erased from this device.'
        : `All ${people(erased)} in this file were erased from this device.`
      : `${erased.toLocaleString('en-GB')} of the ${people(inFile)} in this file ${wasWere(erased)} erased from this device.`;
  return `${which} Merging leaves them out, with their records (${countOf(records, 'record', 'records')} in all), unless you choose to bring them back. Replacing everything restores exactly what the file holds, so it brings them back.`;
}

/** The merge's checkbox: bring back the file's young people erased on this device. */
export function bringBackLabel(plan: RestorePlan): string {
  const n = plan.erased.youngPeople;
  return `Bring back ${thePeople(n).toLowerCase()} erased from this device, with their records`;
}

/** What a merge leaves out, refuses and deletes, in sentences (none when there is none). */
function mergeExtras(total: RestoreCounts): string[] {
  const records = (n: number) => countOf(n, 'record', 'records');
  const lines: string[] = [];
  if (total.deletedHere > 0) {
    lines.push(
      `${records(total.deletedHere)} will not be brought back because ${total.deletedHere === 1 ? 'it was' : 'they were'} deleted on this device.`,
    );
  }
  const refused = total.refusedNew + total.refusedNewer;
  if (refused > 0) {
    lines.push(
      `${records(refused)} will not be taken from the file, because the app would not allow the change (listed below).`,
    );
  }
  if (total.deletedByFile > 0) {
    lines.push(
      `${records(total.deletedByFile)} on this device will be deleted, as ${total.deletedByFile === 1 ? 'it was' : 'they were'} deleted on the device that made the backup.`,
    );
  }
  if (total.keptChangedHere > 0) {
    lines.push(
      `${records(total.keptChangedHere)} deleted on the device that made the backup will be kept, as ${total.keptChangedHere === 1 ? 'it was' : 'they were'} changed here since.`,
    );
  }
  return lines;
}

/**
 * Under "Merge": what merging would add, update, keep and delete; with `bringBackErased`
 * false (the default), without the young people erased on this device.
 */
export function mergeHint(plan: RestorePlan, bringBackErased = false): string {
  const erased = plan.erased.youngPeople;
  const total = erased > 0 && !bringBackErased ? plan.erased.mergeTotal : plan.total;
  const { changed, fileNewer, deviceNewer } = total;
  const added = total.new - total.deletedHere - total.refusedNew;
  const updated = fileNewer - total.refusedNewer;
  // Newer in the file but refused: kept as on the device, and said below (mergeExtras).
  const differ =
    changed === 0
      ? 'No record differs from the one on this device.'
      : `Of the records that differ, ${isAre(updated)} newer in the file and will be updated; ${isAre(deviceNewer)} newer on this device and will be kept.`;
  const removes = total.deletedByFile === 0 ? ' Nothing is removed.' : '';
  const hint = [
    `${countOf(added, 'new record', 'new records')} will be added. ${differ}${removes}`,
    ...mergeExtras(total),
  ].join(' ');
  if (erased === 0) return hint;
  const who = `${thePeople(erased)} erased from this device`;
  return bringBackErased
    ? `${hint} ${who} ${erased === 1 ? 'comes' : 'come'} back.`
    : `${hint} ${who} ${erased === 1 ? 'is' : 'are'} left out.`;
}

/** Under "Replace": what would be lost, that a safety copy is kept, and who comes back. */
export function replaceWarning(plan: RestorePlan): string {
  const erased = plan.erased.youngPeople;
  const back =
    erased === 0
      ? ''
      : ` ${thePeople(erased)} erased from this device ${erased === 1 ? 'comes' : 'come'} back with their records.`;
  if (plan.onDevice === 0) {
    return `There are no records on this device yet, so nothing is lost.${back}`;
  }
  const removed = plan.removedByReplace;
  const lost =
    removed === 0
      ? 'Every record on this device is also in the file, but changes made here since the backup are lost.'
      : `${countOf(removed, 'record', 'records')} on this device ${removed === 1 ? 'is' : 'are'} not in the file and will be removed, and changes made here since the backup are lost.`;
  return `${lost} A safety copy of what is on this device now is kept first.${back}`;
}

/** What a restore did, in a few lines. */
export function resultLines(result: RestoreResult): string[] {
  const { added, updated, unchanged, keptFromDevice, removed, written } = result.counts.total;
  const records = (n: number) => countOf(n, 'record', 'records');
  const erased = result.erased.youngPeople;
  const erasedLines =
    erased === 0
      ? []
      : [
          result.erased.leftOut
            ? `${people(erased)} erased from this device left out, with ${records(result.erased.records)} in all.`
            : `${people(erased)} erased from this device brought back.`,
        ];
  const merged = result.counts.total;
  const mergeLines = [
    ...(merged.notBroughtBack > 0
      ? [
          `${records(merged.notBroughtBack)} not brought back because ${merged.notBroughtBack === 1 ? 'it was' : 'they were'} deleted on this device.`,
        ]
      : []),
    ...(merged.refused > 0
      ? [
          `${records(merged.refused)} not taken from the backup, because the app would not allow the change (see below).`,
        ]
      : []),
    ...(merged.removed > 0
      ? [
          `${records(merged.removed)} deleted, as ${merged.removed === 1 ? 'it was' : 'they were'} deleted on the device that made the backup.`,
        ]
      : []),
    ...(merged.keptChangedHere > 0
      ? [
          `${records(merged.keptChangedHere)} kept although deleted on the device that made the backup, being changed here since.`,
        ]
      : []),
  ];
  if (result.mode === 'replace') {
    return [
      `${records(written)} restored from the backup.`,
      removed === 0
        ? 'Nothing else was on this device.'
        : `${records(removed)} that ${removed === 1 ? 'was' : 'were'} not in the backup removed.`,
      ...erasedLines,
      ...(result.damagedKept > 0
        ? [
            `${records(result.damagedKept)} that could not be read kept on this device, as ${result.damagedKept === 1 ? 'it was' : 'they were'}: see Damaged records in Settings.`,
          ]
        : []),
    ];
  }
  return [
    `${records(added)} added.`,
    `${records(updated)} updated with the newer version from the backup.`,
    `${records(keptFromDevice)} kept as ${keptFromDevice === 1 ? 'it was' : 'they were'} on this device, being newer here.`,
    `${records(unchanged)} already the same.`,
    ...mergeLines,
    ...erasedLines,
  ];
}

/** The kind of record, singular, for a refusal's line. */
const RECORD_NOUN: Record<MergeRefusal['array'], string> = {
  youngPeople: 'Young person',
  goals: 'Goal',
  sessions: 'Session',
  ratings: 'Rating',
  closures: 'Case closure',
  resilienceMaps: 'Resilience map',
};

const REFUSAL_WORDS: Record<MergeRefusalReason, string> = {
  'goal-words':
    "its words differ from this device's, and a goal's words never change once it is set and rated: the words on this device are kept.",
  moved: 'it would move to another young person, goal or session, which the app never does.',
  'case-closed':
    'the case is closed on this device: reopen it first, or restore a backup in which it was reopened.',
  'owner-left-out': 'the young person, goal or session it belongs to is not on this device.',
  'deleted-in-file': 'the backup itself says it was deleted after this version of it.',
};

/** How many refused records are listed by name; the rest are counted. */
export const REFUSALS_SHOWN = 50;

/** One line per refused record ("Goal g-12: …"), and how many more there are. */
export function refusalLines(
  refusals: readonly MergeRefusal[],
  total: number,
  shown = REFUSALS_SHOWN,
): { lines: string[]; more: number } {
  const lines = refusals
    .slice(0, shown)
    .map(({ array, id, reason }) => `${RECORD_NOUN[array]} ${id}: ${REFUSAL_WORDS[reason]}`);
  return { lines, more: Math.max(0, total - lines.length) };
}

/** The safety copy's file name, from when it was saved. */
export function safetyCopyFileName(savedAt: string): string {
  return backupFileName(parseInstant(savedAt), 'safety-copy');
}
