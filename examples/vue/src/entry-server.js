// What a server (or the build, vite.config.mjs) renders: the same app, to a string. The
// plugin creates no instance here: it does so when the browser mounts the app.
import { renderToString } from 'vue/server-renderer';
import { createApp } from './app.js';

export function render() {
  const app = createApp();
  app.config.errorHandler = (error) => {
    throw error;
  };
  return renderToString(app);
}
