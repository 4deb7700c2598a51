import { useEffect, useRef, useState, type ReactNode } from 'react';
import { formatInstantTime } from '../../lib/dates';
import './ui.css';

interface DraftNoticeProps {
  /** What the draft is of, e.g. "this session". */
  what: string;
  savedAt: string;
  onResume: () => void;
  onDiscard: () => void;
}

/**
 * Offered when a form opens with a draft left from an earlier visit (a closed tab, a crash):
 * carry on from it, or start again. Takes focus so the choice is announced first.
 */
export function DraftNotice({ what, savedAt, onResume, onDiscard }: DraftNoticeProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="draft-notice" aria-labelledby="draft-notice-heading">
      <h2 id="draft-notice-heading" ref={heading} tabIndex={-1}>
        Carry on where you left off?
      </h2>
      <p>
        A draft of {what} was kept on this device at {formatInstantTime(savedAt)}. It was not saved.
      </p>
      <div className="draft-notice__actions">
        <button type="button" className="button" onClick={onResume}>
          Carry on from the draft
        </button>
        <button type="button" className="button button--secondary" onClick={onDiscard}>
          Start again
        </button>
      </div>
    </section>
  );
}

/** A quiet line under a form saying its draft is kept, once it has been. */
export function DraftSavedNote({ savedAt }: { savedAt: string | null }) {
  if (!savedAt) return null;
  return (
    <p className="draft-saved-note">Draft kept on this device at {formatInstantTime(savedAt)}.</p>
  );
}

interface DraftGateProps<T> {
  /** What the draft is of, e.g. "this session". */
  what: string;
  /** The draft found when the form opened: undefined while looking, null when none. */
  found: { values: Record<string, unknown>; updatedAt: string } | null | undefined;
  discard: () => Promise<void>;
  /** The values a fresh form opens with. */
  fresh: T;
  /** The form's values from a draft, or null if the draft is not for this form. */
  fromDraft: (stored: Record<string, unknown>) => T | null;
  children: (initial: T) => ReactNode;
}

/** Opens a form fresh, or first offers to carry on from its draft. */
export function DraftGate<T>({
  what,
  found,
  discard,
  fresh,
  fromDraft,
  children,
}: DraftGateProps<T>) {
  const [choice, setChoice] = useState<{ initial: T } | null>(null);
  if (choice) return children(choice.initial);
  if (found === undefined) return <p role="status">Loading…</p>;
  const restored = found ? fromDraft(found.values) : null;
  if (!found || !restored) return children(fresh);
  return (
    <DraftNotice
      what={what}
      savedAt={found.updatedAt}
      onResume={() => setChoice({ initial: restored })}
      onDiscard={() => {
        setChoice({ initial: fresh });
        void discard();
      }}
    />
  );
}
