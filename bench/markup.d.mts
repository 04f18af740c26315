// Types for bench/markup.mjs, which unit tests import for its page.
/** The 1 MB page that looks like a real one (or `size` characters of it). */
export function realLookingPage(size?: number): string;
export function benchMarkup(options?: { dist?: string }): Promise<Record<string, number>>;
export function describeMarkup(result: Record<string, number>): string;
