import type { ReactNode } from 'react';
import { useDocumentTitle } from '../../components/ui/use-document-title';
import './lock.css';

interface LockScreenFrameProps {
  /** The browser tab's title, such as "Unlock". */
  title?: string;
  children: ReactNode;
}

/**
 * A whole-page frame for the lock screens, shown instead of the app (so without its header
 * and navigation): the app's name, a main area and the "stays on this device" line.
 */
export function LockScreenFrame({ title, children }: LockScreenFrameProps) {
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
