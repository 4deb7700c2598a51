import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation, useNavigation } from 'react-router-dom';
import { Toaster } from './toaster';
import './app-layout.css';

/** The frame around every coach page: skip link, header with navigation, main, toasts. */
export function AppLayout() {
  const navigation = useNavigation();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After a client-side navigation, move focus to the new page's heading so screen-reader
  // and keyboard users start at the top of the new content, as a full page load would.
  // Pages that read the database show their heading a moment later, so wait for it.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const main = mainRef.current;
    if (!main) return;
    return focusHeadingWhenShown(main);
  }, [location.pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="app-header">
        <NavLink to="/" className="app-header__brand">
          Resilience Coaching
        </NavLink>
        <nav aria-label="Main">
          <ul className="app-header__nav">
            <li>
              <NavLink to="/" end>
                Caseload
              </NavLink>
            </li>
            <li>
              <NavLink to="/framework">Framework</NavLink>
            </li>
          </ul>
        </nav>
      </header>
      {navigation.state === 'loading' && (
        <p className="app-loading" role="status">
          Loading…
        </p>
      )}
      <main id="main" ref={mainRef} className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="app-footer">
        <p>Everything you record stays on this device. Nothing is sent anywhere.</p>
      </footer>
      <Toaster />
    </div>
  );
}

const HEADING_WAIT_MS = 5000;

/** Focuses the first h1 in `root` now or as soon as it appears; returns a clean-up. */
function focusHeadingWhenShown(root: HTMLElement): () => void {
  const tryFocus = () => {
    const heading = root.querySelector('h1');
    if (!(heading instanceof HTMLElement)) return false;
    heading.tabIndex = -1;
    heading.focus();
    return true;
  };
  if (tryFocus()) return () => undefined;
  const observer = new MutationObserver(() => {
    if (tryFocus()) stop();
  });
  const timer = window.setTimeout(() => stop(), HEADING_WAIT_MS);
  function stop() {
    observer.disconnect();
    window.clearTimeout(timer);
  }
  observer.observe(root, { childList: true, subtree: true });
  return stop;
}
