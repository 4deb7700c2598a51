import { useEffect } from 'react';
import { RouterProvider } from 'react-router-dom';
import { registerServiceWorker } from './layout/service-worker';
import { router } from './router';

export function App() {
  useEffect(registerServiceWorker, []);
  return <RouterProvider router={router} />;
}
