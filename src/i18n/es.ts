import type { Texts } from './texts.js';

export const es = {
  bannerLabel: 'Gestión de cookies',
  bannerTitle: 'Sus preferencias sobre cookies',
  bannerText:
    'Con su consentimiento, nosotros y nuestros socios utilizamos cookies, píxeles y balizas web para medir el uso del sitio, mostrarle publicidad relacionada con sus intereses y personalizar su visita. Sin su consentimiento, solo se utilizan las cookies estrictamente necesarias.',
  withdrawNote: 'Puede cambiar de opinión en cualquier momento con «Gestionar cookies».',
  acceptAll: 'Aceptar todo',
  rejectAll: 'Rechazar todo',
  customise: 'Personalizar',
  dialogTitle: 'Configuración de cookies',
  dialogText:
    'Elija, finalidad por finalidad, lo que acepta. Las cookies estrictamente necesarias para el funcionamiento del sitio no se pueden desactivar.',
  save: 'Guardar mis preferencias',
  close: 'Cerrar',
  alwaysOn: 'Siempre activas',
  privacyPolicy: 'Política de privacidad',
  servicesLabel: 'Socios',
  continueWithout: 'Continuar sin aceptar',
  gpcNotice: 'Su navegador envía la señal Global Privacy Control: la publicidad sigue rechazada salvo que la autorice en «Personalizar».',
  manage: 'Gestionar cookies',
  vendorPolicy: 'Política de privacidad del socio',
  cookiesLabel: 'Cookies instaladas',
  cookieName: 'Nombre',
  cookiePurpose: 'Finalidad',
  cookieLifetime: 'Duración',
  placeholderLabel: 'Contenido bloqueado: {service}',
  placeholderText: 'Este contenido ({service}) instala rastreadores de la categoría «{category}». Solo se muestra con su consentimiento.',
  placeholderAllow: 'Permitir {service} y mostrar',
  necessaryLabel: 'Estrictamente necesarias',
  necessaryDescription:
    'Imprescindibles para el funcionamiento del sitio: seguridad, reparto de carga, recordar sus preferencias. No requieren su consentimiento.',
  analyticsLabel: 'Medición de audiencia',
  analyticsDescription: 'Saber qué páginas se visitan más y medir la eficacia de las búsquedas, para mejorar el sitio.',
  advertisingLabel: 'Publicidad',
  advertisingDescription:
    'Contar cuántas veces se ha visto un anuncio, mostrarle publicidad relacionada con sus intereses y medir la eficacia de las campañas.',
  personalisationLabel: 'Personalización',
  personalisationDescription: 'Recordar su nombre, su país y su idioma para recibirle en su próxima visita.',
} as const satisfies Texts;
