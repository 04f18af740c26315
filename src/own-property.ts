/**
 * Reads a key that came from outside (a language code from `<html lang>`, a
 * category or service id from markup or a cookie) without ever reaching the
 * prototype chain: `ownValue({}, 'constructor')` is undefined, not Object.
 */
export function ownValue<T>(object: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return object !== undefined && Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

/** Names every plain object inherits (`constructor`, `toString`, `__proto__`…): never usable as ids. */
export function isInheritedName(key: string): boolean {
  return key in Object.prototype;
}
