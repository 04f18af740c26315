// LogRocket, as https://docs.logrocket.com/docs/quickstart sets it up with npm: init('<app id>').
import { startConsent } from './consent.js';
import LogRocket from 'logrocket';

startConsent();

LogRocket.init('openjob/demo');
window.track = (name) => LogRocket.track(name);
