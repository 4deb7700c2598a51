import { useEffect, useId, useRef, useState, type ReactNode, type Ref } from 'react';
import type { PinCheckResult } from '../../lib/pin';
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

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What to say after a refused PIN (never the PIN itself). */
export function wrongPinMessage(triesLeft: number): string {
  return `That PIN is not right. ${plural(triesLeft, 'try', 'tries')} left.`;
}

export function lockedPinMessage(secondsLeft: number): string {
  return `Too many wrong tries. Try again in ${plural(secondsLeft, 'second', 'seconds')}.`;
}

type Problem = { text: string } | { lockedUntil: number };

function messageFor(problem: Problem | null, now: number): string | undefined {
  if (!problem) return undefined;
  if ('text' in problem) return problem.text;
  const seconds = Math.ceil((problem.lockedUntil - now) / 1000);
  return seconds > 0 ? lockedPinMessage(seconds) : undefined;
}

function problemFor(result: Exclude<PinCheckResult, { ok: true }> | null): Problem {
  if (!result) return { text: 'Something went wrong. Please try again.' };
  if (result.reason === 'wrong') return { text: wrongPinMessage(result.triesLeft) };
  if (result.reason === 'locked') return { lockedUntil: Date.parse(result.lockedUntil) };
  return { text: 'There is no coach PIN yet. The coach can set one in Settings.' };
}

/** The time now, ticking every half second until `until` (ms) while a lock counts down. */
function useTicking(until: number | null): [number, (now: number) => void] {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => {
      const time = Date.now();
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
  onSuccess: () => void;
  onCancel: () => void;
}

/**
 * Asks for the coach's PIN in a modal native <dialog>. Says how many tries are left, or
 * counts down a lock, and clears the box after every try; it never shows the PIN.
 */
export function PinDialog({
  title,
  description,
  submitLabel = 'Continue',
  check,
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
  const [now, setNow] = useTicking(
    problem && 'lockedUntil' in problem ? problem.lockedUntil : null,
  );
  const message = messageFor(problem, now);

  useModalDialog(ref, inputRef);

  const refuse = (next: Problem) => {
    const at = Date.now();
    setNow(at);
    setProblem(next);
    setAnnouncement(messageFor(next, at) ?? '');
    inputRef.current?.focus();
  };

  const submit = async () => {
    if (checking) return;
    if (pin === '') return refuse({ text: 'Type the PIN.' });
    setChecking(true);
    const result = await check(pin).catch(() => null);
    setChecking(false);
    setPin('');
    if (result?.ok) onSuccess();
    else refuse(problemFor(result));
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
    </dialog>
  );
}
