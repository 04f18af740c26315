// Fullstory, as https://github.com/fullstorydev/fullstory-browser-sdk#readme sets it up: init({ orgId }).
import { startConsent } from './consent.js';
import { FullStory, init } from '@fullstory/browser';

startConsent();

init({ orgId: 'o-OPENJ-na1' });
window.track = (name) => FullStory('trackEvent', { name, properties: {} });
