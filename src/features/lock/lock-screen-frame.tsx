import type { ReactNode } from 'react';
import { useDocumentTitle, type FixedText } from '../../components/ui/use-document-title';
import './lock.css';

interface LockScreenFrameProps<T extends string> {
  /** The browser tab's title, fixed wording such as "Unlock". */
  title?: FixedText<T>;
  children: ReactNode;
}

/**
 * A whole-page frame for the lock screens, shown instead of the app (so without its header
 * and navigation): the app's name, a main area and the "stays on this device" line.
 */
export function LockScreenFrame<T extends string = never>({
  title,
  children,
}: LockScreenFrameProps<T>) {
  useDocumentTitle(title);
  return (
    <div className="lock-screen">
      <p className="lock-screen__brand">Resilience Coaching</p>
      <main id="main" className="lock-screen__main">
        {children}
      </main>
      <footer className="lock-screen__footer">
        <p>Everything you record stays on this device. Nothing is sent anywhere.</p>
      </footer>
    </div>
  );
}
