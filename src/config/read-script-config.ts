/**
 * The script-tag build's configuration: `window.NexusConsentConfig`, with a few
 * `data-*` attributes of the SDK's own <script> tag for the common options.
 * The attributes win: they sit on the tag that loads this very copy.
 *
 *   <script src="nexus-consent.min.js" data-privacy-policy-url="/confidentialite"
 *           data-language="fr" data-revision="3"></script>
 */
import { ConsentConfigError } from './config-error.js';
import type { ConsentConfig } from './types.js';

export function readScriptConfig(pageConfig: unknown, dataset: DOMStringMap | undefined): ConsentConfig {
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
  return { ...(pageConfig as Partial<ConsentConfig> | undefined), ...fromAttributes } as ConsentConfig;
}
