/** Throws unless `program` (an ESTree Program) is `"use strict";{…}` with no `var` outside a function. */
export function assertScriptBlock(program: unknown, name: string): void;
