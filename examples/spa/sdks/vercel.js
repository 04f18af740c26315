// Vercel Web Analytics and Speed Insights, as https://vercel.com/docs/analytics/quickstart and
// https://vercel.com/docs/speed-insights/quickstart set them up without a framework: inject() each.
// In production they load their scripts from the site's own /_vercel/ paths.
import { startConsent } from './consent.js';
import { inject, track } from '@vercel/analytics';
import { injectSpeedInsights } from '@vercel/speed-insights';

startConsent();

inject({ mode: 'production' });
injectSpeedInsights();
window.track = (name) => track(name);
