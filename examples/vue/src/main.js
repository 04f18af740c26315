// The app's entry. `nexus-consent/auto` first: ES modules run in import order, so its blocker
// is in place before Vue, the app or any library it imports can add a tag or send a request.
import 'nexus-consent/auto';
import { createApp } from './app.js';
import './style.css';

// The build rendered the page to HTML (vite.config.mjs), as Nuxt would on a server: the app
// hydrates it.
createApp().mount('#app');
