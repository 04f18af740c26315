/**
 * Reads a key that came from outside (a language code from `<html lang>`, a
 * category or service id from markup or a cookie) without ever reaching the
 * prototype chain: `ownValue({}, 'constructor')` is undefined, not Object.
 */
export function ownValue<T>(object: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return object !== undefined && Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

/**
 * What every plain object has from the language (ECMA-262 §20.1.3 and Annex B).
 * A fixed list, not `key in Object.prototype`: a page that set
 * `Object.prototype.analytics` must not make a built-in category unusable.
 */
const INHERITED = new Set([
  'constructor', '__proto__', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__',
  'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'toString', 'valueOf',
]);

/** Names every plain object inherits (`constructor`, `toString`, `__proto__`…): never usable as ids. */
export function isInheritedName(key: string): boolean {
  return INHERITED.has(key);
}
