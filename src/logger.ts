/** Console output, prefixed; `debug` lines only when the site asked for them. */
export interface Logger {
  debug(...args: unknown[]): void;
  error(...args: unknown[]): void;
  /** A table, in debug mode only. */
  table(rows: readonly object[]): void;
}

export function createLogger(console: Console, debug: boolean): Logger {
  const prefix = '[nexus-consent]';
  return {
    debug: debug ? (...args) => console.info(prefix, ...args) : () => {},
    error: (...args) => console.error(prefix, ...args),
    table: debug ? (rows) => console.table(rows) : () => {},
  };
}
