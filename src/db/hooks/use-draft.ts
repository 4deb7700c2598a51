import { useCallback, useEffect, useRef, useState } from 'react';
import type { Draft, DraftKind } from '../../domain/draft';
import { getLockState, isUnlocked, onBeforeLock } from '../encryption/session-key';
import { deleteDraft, getDraft, saveDraft } from '../repositories/drafts';

/** How long typing must pause before the draft is written. */
export const DRAFT_DELAY_MS = 400;

export interface DraftControls {
  /** The draft found when the form opened: undefined while looking, null when none. */
  found: Draft | null | undefined;
  /** Keep these values as the draft (after a short pause in typing). */
  keep: (values: object) => void;
  /** Forget the draft: after the form is saved, or to start again. */
  discard: () => Promise<void>;
  /** When the draft was last written in this visit, as an ISO instant. */
  savedAt: string | null;
}

/**
 * A form's draft: looks for one when the form opens, writes what is typed after a short
 * pause, and at once when the page is hidden or closed, so a closed tab or a crash loses
 * at most the last moment of typing.
 */
export function useDraft(kind: DraftKind, youngPersonId: string): DraftControls {
  const [found, setFound] = useState<Draft | null | undefined>(undefined);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const pending = useRef<Record<string, unknown> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const discarded = useRef(false);

  useEffect(() => {
    let live = true;
    discarded.current = false;
    getDraft(kind, youngPersonId).then(
      (draft) => live && setFound(draft),
      () => live && setFound(null),
    );
    return () => {
      live = false;
    };
  }, [kind, youngPersonId]);

  const flush = useCallback((): Promise<unknown> | undefined => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const values = pending.current;
    pending.current = null;
    if (!values || discarded.current) return undefined;
    return saveDraft(kind, youngPersonId, values).then(
      (draft) => draft && !discarded.current && setSavedAt(draft.updatedAt),
      // A draft that cannot be kept (storage full) must not stop the form being saved.
      () => setSavedAt(null),
    );
  }, [kind, youngPersonId]);

  const keep = useCallback(
    (values: object) => {
      const copy: Record<string, unknown> = { ...values };
      discarded.current = false;
      pending.current = copy;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, DRAFT_DELAY_MS);
    },
    [flush],
  );

  const discard = useCallback(async () => {
    discarded.current = true;
    pending.current = null;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setSavedAt(null);
    await deleteDraft(kind, youngPersonId);
  }, [kind, youngPersonId]);

  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    const onPageHide = () => void flush();
    window.addEventListener('pagehide', onPageHide);
    document.addEventListener('visibilitychange', onHide);
    // Locking (Lock now, or auto-lock) waits for this write, so what was typed is kept as a
    // draft, encrypted, and offered again after unlocking.
    const stopBeforeLock = onBeforeLock(flush);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      document.removeEventListener('visibilitychange', onHide);
      stopBeforeLock();
      // After locking there is no key to write with: the before-lock flush has kept it.
      if (isUnlocked() || getLockState() === 'not-set-up') void flush();
    };
  }, [flush]);

  return { found, keep, discard, savedAt };
}
