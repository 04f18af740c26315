/** Script-tag entry: dist/nexus-consent.min.js, with the core tracker catalogue. */
import { startScriptTag, type PageWindow } from './script-tag.js';

startScriptTag(window as PageWindow, []);
