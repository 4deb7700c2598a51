import { useRef } from 'react';
import { NavLink, Outlet, useNavigation } from 'react-router-dom';
import { useFocusHeadingOnNavigation } from '../../components/ui/use-focus-heading-on-navigation';
import { useLeadsTeam } from '../../db/hooks/core';
import { TeamStatusLine } from '../../features/team/team-status-line';
import { LockButton } from '../lock/lock-button';
import { teamSync } from '../team-sync';
import { Toaster } from './toaster';
import { UpdatePrompt } from './update-prompt';
import './app-layout.css';

/** The frame around every coach page: skip link, header with navigation, main, toasts. */
export function AppLayout() {
  const navigation = useNavigation();
  const mainRef = useRef<HTMLElement>(null);
  const leadsTeam = useLeadsTeam();

  useFocusHeadingOnNavigation(mainRef);

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
            <li>
              <NavLink to="/reports">Reports</NavLink>
            </li>
            {leadsTeam && (
              <li>
                <NavLink to="/team-report">Team report</NavLink>
              </li>
            )}
            <li>
              <NavLink to="/settings">Settings</NavLink>
            </li>
          </ul>
        </nav>
        <LockButton />
      </header>
      <TeamStatusLine source={teamSync} />
      <UpdatePrompt />
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
