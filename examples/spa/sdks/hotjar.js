// Hotjar, as https://help.hotjar.com/hc/en-us/articles/4412561401111 sets up @hotjar/browser:
// Hotjar.init(siteId, hotjarVersion).
import { startConsent } from './consent.js';
import Hotjar from '@hotjar/browser';

startConsent();

Hotjar.init(3456789, 6);
window.track = (name) => Hotjar.event(name);
