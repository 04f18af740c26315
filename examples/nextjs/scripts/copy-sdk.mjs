// Copies the SDK's script-tag files from the installed package into public/, where the root
// layout's <script src="/nexus-consent.min.js"> finds them. The UI file must sit beside the
// core: the core imports it from its own URL. Run before `next dev` and `next build`.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const publicDir = new URL('../public/', import.meta.url);
mkdirSync(publicDir, { recursive: true });
// Through the package's `exports`, as any installed package is read: a file the package does not
// export (or does not ship) fails here, not in the browser.
for (const file of ['nexus-consent.min.js', 'nexus-consent.ui.min.js']) {
  copyFileSync(require.resolve(`nexus-consent/${file}`), new URL(file, publicDir));
}
