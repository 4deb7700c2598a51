import { useEffect } from 'react';
import { useToastStore, type Toast } from '../../stores/toast-store';

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useToastStore((s) => s.dismiss);
  const durationMs = useToastStore((s) => s.durationMs);
  useEffect(() => {
    if (durationMs === null) return;
    const timer = window.setTimeout(() => dismiss(toast.id), durationMs);
    return () => window.clearTimeout(timer);
  }, [toast.id, dismiss, durationMs]);
  return (
    <li className={`toast toast--${toast.tone}`}>
      <span>{toast.message}</span>
      <button
        type="button"
        className="toast__close"
        aria-label={`Dismiss: ${toast.message}`}
        onClick={() => dismiss(toast.id)}
      >
        ×
      </button>
    </li>
  );
}

/** Confirmations after saves, announced politely to screen readers. */
export function Toaster() {
  const toasts = useToastStore((s) => s.toasts);
  return (
    <div className="toaster" role="status" aria-live="polite">
      <ul>
        {toasts.map((t) => (
          <ToastItem key={t.id} toast={t} />
        ))}
      </ul>
    </div>
  );
}
