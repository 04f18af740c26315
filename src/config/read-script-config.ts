/**
 * The script-tag build's configuration: `window.NexusConsentConfig`, with a few
 * `data-*` attributes of the SDK's own <script> tag for the common options.
 * The attributes win: they sit on the tag that loads this very copy.
 *
 *   <script src="nexus-consent.min.js" data-privacy-policy-url="/confidentialite"
 *           data-language="fr" data-revision="3"></script>
 */
import { ConsentConfigError } from './config-error.js';
import { copyPlain } from './copy-plain.js';
import type { ConsentConfig } from './types.js';

export function readScriptConfig(pageGlobal: unknown, dataset: DOMStringMap | undefined): ConsentConfig {
  // Copied once: a getter or Proxy trap that throws is reported by field, and the page cannot change it later.
  const pageConfig = copyPlain(pageGlobal, '');
  if (pageConfig !== undefined && (typeof pageConfig !== 'object' || pageConfig === null || Array.isArray(pageConfig))) {
    throw new ConsentConfigError('(window.NexusConsentConfig)', 'an object', pageConfig);
  }
  const fromAttributes: Record<string, unknown> = {};
  if (dataset?.privacyPolicyUrl !== undefined) fromAttributes.privacyPolicyUrl = dataset.privacyPolicyUrl;
  if (dataset?.language !== undefined) fromAttributes.language = dataset.language;
  if (dataset?.revision !== undefined) {
    const revision = /^[0-9]+$/.test(dataset.revision) ? Number(dataset.revision) : NaN;
    if (!Number.isInteger(revision) || revision < 1) {
      throw new ConsentConfigError('revision (data-revision)', 'a positive integer', dataset.revision);
    }
    fromAttributes.revision = revision;
  }
  return Object.assign(Object.create(null) as object, pageConfig, fromAttributes) as unknown as ConsentConfig;
}
