export const CHROMIUM_ARGS: string[];
export const HOW_TO_GET_ONE: string;
export function findChromium(): string | undefined;
