import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { requestPersistentStorage } from './lib/storage';
import { installTrustedTypesPolicy } from './lib/trusted-types';
import './styles/global.css';

// Before anything loads a worker or registers the service worker (see lib/trusted-types).
installTrustedTypesPolicy(window);

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Ask the browser to keep the records even when the device runs low on space (Settings says
// whether it agreed). Browsers decide without asking the coach; nothing waits for it.
void requestPersistentStorage();
