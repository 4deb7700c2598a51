/**
 * Records left out of what was read because they failed their check (./record-seal.ts):
 * noted here as the middleware meets them (table, id, why), in memory only, so a page can
 * say that something could not be shown. The full list (with whose records they claim to
 * be) is read from the database itself: ./damaged-records.ts.
 */
import type { SealFailure } from './record-seal';

export interface DamageNote {
  table: string;
  id: string;
  reason: SealFailure;
}

/** At most this many notes are kept (the newest). */
const MAX_NOTES = 200;

let notes: readonly DamageNote[] = [];
const listeners = new Set<() => void>();

const idText = (id: unknown): string =>
  typeof id === 'string' || typeof id === 'number' ? String(id) : '(no id)';

/** Notes a record left out; the same record noted again is not repeated. */
export function noteDamage(table: string, id: unknown, reason: SealFailure): void {
  const note: DamageNote = { table, id: idText(id), reason };
  if (notes.some((n) => n.table === note.table && n.id === note.id && n.reason === reason)) return;
  notes = [...notes, note].slice(-MAX_NOTES);
  for (const listener of [...listeners]) listener();
}

/** Every record noted since the app started (or since cleared). */
export function damageNotes(): readonly DamageNote[] {
  return notes;
}

/** Forgets every note (on lock, and after a damaged record is erased). */
export function clearDamageNotes(): void {
  if (notes.length === 0) return;
  notes = [];
  for (const listener of [...listeners]) listener();
}

/** Calls `listener` when a note is added or the notes are cleared; returns the unsubscribe. */
export function subscribeToDamage(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
