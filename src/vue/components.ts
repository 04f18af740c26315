import { defineComponent, h, type PropType, type SlotsType } from 'vue';
import { allowTarget, type GrantTarget } from '../bindings/grant-target.js';
import { useConsentApi, useGranted } from './composables.js';

/** The default label, as the built-in footer link says it. */
export const MANAGE_COOKIES_LABEL = 'Gérer les cookies';

/** What the gate's `fallback` slot gets. */
export interface ConsentGateFallback {
  readonly target: GrantTarget<string>;
  /** Grants that one service (`update({}, { [service]: true })`), or that category. */
  allow(): void;
}

/**
 * `<ConsentGate service="youtube">`: the default slot only while granted, else
 * the `fallback` slot (given `{ allow, target }`). Set `category` or `service`.
 */
export const ConsentGate = defineComponent({
  name: 'ConsentGate',
  props: {
    category: { type: String as PropType<string>, default: undefined },
    service: { type: String as PropType<string>, default: undefined },
  },
  slots: Object as SlotsType<{ default: object; fallback: ConsentGateFallback }>,
  setup(props, { slots }) {
    const target = (): GrantTarget<string> => (props.service !== undefined ? { service: props.service } : (props.category ?? ''));
    const granted = useGranted(target);
    const consent = useConsentApi();
    return () =>
      granted.value ? slots.default?.({}) : slots.fallback?.({ target: target(), allow: () => allowTarget(consent.value, target()) });
  },
});

/**
 * A `<button type="button">` that opens the preferences dialog (CNIL 2020
 * guidelines: withdrawing must stay as easy as consenting). The default slot
 * replaces the French label; attributes go to the button.
 */
export const ManageCookiesButton = defineComponent({
  name: 'ManageCookiesButton',
  slots: Object as SlotsType<{ default: object }>,
  setup(_, { slots }) {
    const consent = useConsentApi();
    return () => h('button', { type: 'button', onClick: () => consent.value?.showPreferences() }, slots.default?.({}) ?? MANAGE_COOKIES_LABEL);
  },
});
