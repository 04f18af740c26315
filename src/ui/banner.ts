/**
 * The first layer: purposes, a word on withdrawal, the policy link and three
 * actions of one style and size — accept, refuse, customise (CNIL: refusing must
 * be as easy as accepting) — plus *Continuer sans accepter*, which closes it as
 * a refusal. A labelled region, not a dialog: it does not trap focus, and it is
 * the first thing in the tab order.
 */
import { createElement as h } from './create-element.js';
import { dirAttribute, type UiModel } from './view-model.js';

export type BannerAction = 'accept-all' | 'reject-all' | 'customise' | 'continue-without';

export function createBanner(
  doc: Document,
  model: UiModel,
  onAction: (action: BannerAction) => void,
): HTMLElement {
  const { texts } = model;
  const button = (action: BannerAction, label: string) => {
    const el = h(doc, 'button', { type: 'button', class: 'nc-btn', 'data-action': action }, [label]);
    el.addEventListener('click', () => onAction(action));
    return el;
  };
  const continueWithout = h(doc, 'button', { type: 'button', class: 'nc-skip', 'data-action': 'continue-without' }, [texts.continueWithout]);
  continueWithout.addEventListener('click', () => onAction('continue-without'));
  return h(
    doc,
    'section',
    {
      class: `nc-banner nc-banner--${model.layout}`,
      'aria-label': texts.bannerLabel,
      lang: model.language,
      dir: dirAttribute(model),
      'data-nc-view': 'banner',
    },
    [
      h(doc, 'div', { class: 'nc-banner__body' }, [
        h(doc, 'div', { class: 'nc-row' }, [h(doc, 'h2', { class: 'nc-title' }, [texts.bannerTitle]), continueWithout]),
        h(doc, 'p', { class: 'nc-text' }, [texts.bannerText]),
        ...(model.gpc ? [h(doc, 'p', { class: 'nc-text', 'data-nc-gpc': '' }, [texts.gpcNotice])] : []),
        h(doc, 'p', { class: 'nc-text' }, [
          texts.withdrawNote,
          ' ',
          h(doc, 'a', { class: 'nc-link', href: model.privacyPolicyUrl }, [texts.privacyPolicy]),
        ]),
      ]),
      h(doc, 'div', { class: 'nc-actions' }, [
        button('accept-all', texts.acceptAll),
        button('reject-all', texts.rejectAll),
        button('customise', texts.customise),
      ]),
    ],
  );
}
