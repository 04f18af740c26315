/**
 * The UI file of the script-tag build, which the core imports from beside its
 * own `<script src>` and the markup step preloads: one name for both.
 */
export const UI_FILE = 'nexus-consent.ui.min.js';
