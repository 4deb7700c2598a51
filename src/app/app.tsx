import { useEffect } from 'react';
import { RouterProvider } from 'react-router-dom';
import { registerServiceWorker } from './layout/service-worker';
import { router } from './router';
import { startTeamSync } from './team-sync';

export function App() {
  useEffect(registerServiceWorker, []);
  // Syncs with the service while unlocked, when this device has a team connection.
  useEffect(startTeamSync, []);
  return <RouterProvider router={router} />;
}
