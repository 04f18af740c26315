// The app's entry. `nexus-consent/auto` first: ES modules run in import order, so its blocker
// is in place before React, the app or any library it imports can add a tag or send a request.
import 'nexus-consent/auto';
import { StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { App } from './app.jsx';
import './style.css';

// The build rendered the page to HTML (vite.config.mjs), as a server-rendering framework
// would: the client hydrates it. createRoot(…).render(…) works the same for a client-only app.
hydrateRoot(
  document.getElementById('root'),
  <StrictMode>
    <App />
  </StrictMode>,
);
