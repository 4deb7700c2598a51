import { lazy, Suspense } from 'react';
import { Outlet, type RouteObject } from 'react-router-dom';
import { AppLayout } from './layout/app-layout';
import { ConnectionBanner } from './layout/connection-banner';
import { HandoverGate } from './layout/handover-gate';
import { RouteError } from './layout/route-error';
import { Toaster } from './layout/toaster';
import { LockGate } from './lock/lock-gate';
import { PassphraseFirst } from './lock/passphrase-first';

// The caseload is "/", where every coach starts. A route's `lazy` loads as soon as the router
// starts, before anything shows, so the caseload's code would come with the unlock screen of
// every coach with records (issue 7's first-screen budget). As a React.lazy component it loads
// only when shown: once the app is unlocked (or on a new device, at once).
const CaseloadRoute = lazy(async () => ({
  default: (await import('./routes/caseload-route')).CaseloadRoute,
}));

/** The coach's screens. */
const coachRoutes: RouteObject[] = [
  {
    path: '/',
    element: (
      <>
        <ConnectionBanner />
        <AppLayout />
      </>
    ),
    errorElement: <RouteError />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          {
            index: true,
            element: (
              <Suspense fallback={null}>
                <CaseloadRoute />
              </Suspense>
            ),
          },
          {
            path: 'young-people/new',
            lazy: async () => {
              const { AddYoungPersonPage } =
                await import('../features/young-people/young-person-form-page');
              return {
                Component: () => (
                  <PassphraseFirst reason="Before you add a real young person, choose a passphrase. Their records will then be kept encrypted on this device.">
                    <AddYoungPersonPage />
                  </PassphraseFirst>
                ),
              };
            },
          },
          {
            path: 'young-people/:youngPersonId',
            lazy: async () => ({
              Component: (await import('./routes/young-person-route')).YoungPersonRoute,
            }),
          },
          {
            path: 'young-people/:youngPersonId/edit',
            lazy: async () => ({
              Component: (await import('../features/young-people/young-person-form-page'))
                .EditYoungPersonPage,
            }),
          },
          {
            path: 'young-people/:youngPersonId/close',
            lazy: async () => ({
              Component: (await import('../features/closure/close-case-page')).CloseCasePage,
            }),
          },
          {
            path: 'young-people/:youngPersonId/map',
            lazy: async () => ({
              Component: (await import('../features/resilience-map/resilience-map-page'))
                .ResilienceMapPage,
            }),
          },
          {
            path: 'young-people/:youngPersonId/map/print',
            lazy: async () => ({
              Component: (await import('../features/resilience-map/resilience-map-print-page'))
                .ResilienceMapPrintPage,
            }),
          },
          {
            path: 'young-people/:youngPersonId/summary',
            lazy: async () => ({
              Component: (await import('./routes/summary-routes')).GoalSummaryRoute,
            }),
          },
          {
            path: 'young-people/:youngPersonId/summary/young-person',
            lazy: async () => ({
              Component: (await import('./routes/summary-routes')).MyJourneySummaryRoute,
            }),
          },
          {
            path: 'young-people/:youngPersonId/goals/new',
            lazy: async () => ({
              Component: (await import('../features/goals/add-goal-page')).AddGoalPage,
            }),
          },
          {
            path: 'young-people/:youngPersonId/goals/:goalId',
            lazy: async () => ({
              Component: (await import('./routes/goal-route')).GoalRoute,
            }),
          },
          {
            path: 'young-people/:youngPersonId/sessions/new',
            lazy: async () => ({
              Component: (await import('../features/sessions/log-session-page')).LogSessionPage,
            }),
          },
          {
            path: 'young-people/:youngPersonId/sessions/:sessionId',
            lazy: async () => ({
              Component: (await import('../features/sessions/session-page')).SessionPage,
            }),
          },
          {
            path: 'reports',
            lazy: async () => ({
              Component: (await import('../features/reports/service-report-page'))
                .ServiceReportPage,
            }),
          },
          {
            path: 'team-report',
            lazy: async () => ({
              Component: (await import('./routes/team-report-route')).TeamReportRoute,
            }),
          },
          {
            path: 'settings',
            lazy: async () => {
              const { SettingsRoute } = await import('./routes/settings-route');
              // PassphraseFirst is passed in: imported there, it split the first screen's code.
              return { Component: () => <SettingsRoute PassphraseFirst={PassphraseFirst} /> };
            },
          },
          {
            path: 'backup',
            lazy: async () => {
              const { BackupPage } = await import('../features/backup/backup-page');
              return {
                Component: () => (
                  <PassphraseFirst reason="A backup holds real records. Before you back up or restore, choose a passphrase, so the records are kept encrypted on this device.">
                    <BackupPage />
                  </PassphraseFirst>
                ),
              };
            },
          },
          {
            path: 'framework',
            lazy: async () => ({
              Component: (await import('../features/framework/framework-page')).FrameworkPage,
            }),
          },
          {
            path: '*',
            lazy: async () => ({
              Component: (await import('./layout/not-found')).NotFound,
            }),
          },
        ],
      },
    ],
  },
];

/** The young person's own space: full screen, reachable only during a handover. */
const youngPersonSpaceRoutes: RouteObject[] = [
  {
    path: '/my-space',
    lazy: async () => {
      const { MySpaceLayout } = await import('../features/young-person-space/my-space-layout');
      return {
        Component: () => (
          <>
            <ConnectionBanner />
            <MySpaceLayout />
            <Toaster />
          </>
        ),
      };
    },
    errorElement: <RouteError />,
    children: [
      {
        index: true,
        lazy: async () => ({
          Component: (await import('../features/young-person-space/my-space-home')).MySpaceHome,
        }),
      },
      {
        path: 'goals/new',
        lazy: async () => ({
          Component: (await import('../features/young-person-space/my-add-goal-page'))
            .MyAddGoalPage,
        }),
      },
      {
        path: 'rate',
        lazy: async () => ({
          Component: (await import('../features/young-person-space/my-rate-page')).MyRatePage,
        }),
      },
      {
        path: 'map',
        lazy: async () => ({
          Component: (await import('../features/young-person-space/my-map-page')).MyMapPage,
        }),
      },
      {
        path: 'journey',
        lazy: async () => ({
          Component: (await import('../features/young-person-space/my-journey-page')).MyJourneyPage,
        }),
      },
    ],
  },
];

/**
 * Every route of the app, behind the lock (nothing shows until unlocked) and the handover
 * gate. Page modules load lazily, so the first
 * screen ships only what it needs (charts and forms arrive with the pages that use them).
 */
export const routes: RouteObject[] = [
  {
    element: (
      <LockGate>
        <HandoverGate>
          <Outlet />
        </HandoverGate>
      </LockGate>
    ),
    errorElement: <RouteError />,
    children: [...coachRoutes, ...youngPersonSpaceRoutes],
  },
];
