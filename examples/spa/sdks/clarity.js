// Microsoft Clarity, as https://learn.microsoft.com/clarity/setup-and-installation/clarity-npm
// sets it up: Clarity.init('<project id>').
import { startConsent } from './consent.js';
import Clarity from '@microsoft/clarity';

startConsent();

Clarity.init('openjob01');
window.track = (name) => Clarity.event(name);
