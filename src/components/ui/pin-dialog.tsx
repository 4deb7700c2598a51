import { useEffect, useId, useRef, useState, type ReactNode, type Ref } from 'react';
import { pinRefusalMessage, type PinCheckResult, type PinRefusal } from '../../lib/pin';
import { SecretField } from './field';
import './ui.css';
import './pin-dialog.css';
import { useModalDialog } from './use-modal-dialog';

interface PinFieldProps {
  label: ReactNode;
  name: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
}

/** A PIN box: masked, with the number keypad on touch screens, never remembered by the browser. */
export function PinField(props: PinFieldProps) {
  return (
    <SecretField
      {...props}
      inputMode="numeric"
      autoComplete="off"
      className="field__input pin-field__input"
    />
  );
}

/** How often a wait on screen is counted and stored (so a reload keeps the time passed). */
const COUNT_WAIT_EVERY_MS = 15_000;

/**
 * What the box says. A refusal with a wait counts it down by the page's monotonic clock
 * (performance.now()), so moving the device's clock does not change it.
 */
type Problem = { text: string } | { refusal: PinRefusal; waitEnds: number };

function messageFor(problem: Problem | null, now: number): string | undefined {
  if (!problem) return undefined;
  if ('text' in problem) return problem.text;
  const left = Math.max(0, problem.waitEnds - now);
  // A wait that has run out, with nothing else to say, leaves the box clear.
  if (left === 0 && problem.refusal.reason === 'waiting') return undefined;
  return pinRefusalMessage(problem.refusal, left);
}

function problemFor(result: PinRefusal | null, now: number): Problem {
  if (!result) return { text: 'Something went wrong. Please try again.' };
  const waitMs = 'waitMs' in result ? result.waitMs : 0;
  return { refusal: result, waitEnds: now + waitMs };
}

/** The monotonic time now, ticking every half second until `until` while a wait counts down. */
function useTicking(until: number | null): [number, (now: number) => void] {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => {
      const time = performance.now();
      setNow(time);
      if (time >= until) clearInterval(timer);
    }, 500);
    return () => clearInterval(timer);
  }, [until]);
  return [now, setNow];
}

export interface PinDialogProps {
  title: string;
  description?: ReactNode;
  /** Words on the button that checks the PIN. */
  submitLabel?: string;
  check: (pin: string) => Promise<PinCheckResult>;
  /**
   * Counts and stores the wait so far (see countPinWait): called when the dialog opens, so a
   * wait already running shows at once, and now and then while one shows.
   */
  countWait?: () => Promise<{ waitMs: number; triesLeft: number }>;
  /** "Forgot the PIN?": another way out, shown under the PIN box. */
  forgotten?: { label: string; onClick: () => void };
  onSuccess: () => void;
  onCancel: () => void;
}

/**
 * Asks for the coach's PIN in a modal native <dialog>. Says how many tries are left, counts
 * down a wait, and clears the box after every try; it never shows the PIN.
 */
export function PinDialog({
  title,
  description,
  submitLabel = 'Continue',
  check,
  countWait,
  forgotten,
  onSuccess,
  onCancel,
}: PinDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [checking, setChecking] = useState(false);
  const waitEnds = problem && 'waitEnds' in problem ? problem.waitEnds : null;
  const [now, setNow] = useTicking(waitEnds);
  const message = messageFor(problem, now);
  const waiting = waitEnds !== null && waitEnds > now;

  useModalDialog(ref, inputRef);

  const refuse = (next: Problem, at: number) => {
    setNow(at);
    setProblem(next);
    setAnnouncement(messageFor(next, at) ?? '');
    inputRef.current?.focus();
  };

  // A wait already running shows as the dialog opens (pass a countWait that stays the same).
  useEffect(() => {
    if (!countWait) return;
    let live = true;
    countWait().then(
      ({ waitMs, triesLeft }) => {
        if (!live || waitMs <= 0) return;
        const at = performance.now();
        const next: Problem = {
          refusal: { ok: false, reason: 'waiting', waitMs, triesLeft },
          waitEnds: at + waitMs,
        };
        setNow(at);
        setProblem(next);
        setAnnouncement(messageFor(next, at) ?? '');
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [countWait, setNow]);

  // While a wait shows, its progress is stored now and then, and the count set right.
  useEffect(() => {
    if (!countWait || !waiting) return;
    const timer = setInterval(() => {
      countWait().then(
        ({ waitMs }) => {
          const at = performance.now();
          setProblem((current) =>
            current && 'waitEnds' in current ? { ...current, waitEnds: at + waitMs } : current,
          );
        },
        () => undefined,
      );
    }, COUNT_WAIT_EVERY_MS);
    return () => clearInterval(timer);
  }, [countWait, waiting]);

  const submit = async () => {
    if (checking) return;
    if (pin === '') return refuse({ text: 'Type the PIN.' }, performance.now());
    setChecking(true);
    const result = await check(pin).catch(() => null);
    setChecking(false);
    setPin('');
    if (result?.ok) onSuccess();
    else {
      const at = performance.now();
      refuse(problemFor(result, at), at);
    }
  };

  return (
    <dialog
      ref={ref}
      className="confirm-dialog pin-dialog"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {description && <div id={descriptionId}>{description}</div>}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <PinField
          label="Coach PIN"
          name="pin"
          value={pin}
          onChange={setPin}
          error={message}
          inputRef={inputRef}
        />
        <p className="visually-hidden" role="status">
          {announcement}
        </p>
        <div className="confirm-dialog__actions">
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={checking}>
            {submitLabel}
          </button>
        </div>
      </form>
      {forgotten && (
        <p className="pin-dialog__forgotten">
          <button type="button" className="button button--link" onClick={forgotten.onClick}>
            {forgotten.label}
          </button>
        </p>
      )}
    </dialog>
  );
}
