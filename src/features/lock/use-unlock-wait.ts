import { useCallback, useEffect, useState } from 'react';
import { unlockWait } from '../../db/encryption/lock-control';

/**
 * The wait after too many wrong passphrases, counting down each second. `refresh` reads it
 * again (on mount and after each failed try). `over` is true once a wait has run out.
 */
export function useUnlockWait() {
  const [until, setUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());

  const refresh = useCallback(async () => {
    const ms = await unlockWait();
    const at = Date.now();
    setNow(at);
    setUntil(ms > 0 ? at + ms : null);
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const msLeft = until === null ? 0 : Math.max(0, until - now);
  const waiting = msLeft > 0;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [waiting, until]);

  return { msLeft, over: until !== null && msLeft === 0, refresh };
}
