// The shape of the script-tag builds (rollup.config.mjs, scriptBlock): `"use strict";{…}`,
// where nothing but `window.NexusConsent` reaches the page's global scope. Checked by the
// build on every script-tag file, and by test/unit/script-block.test.ts on dist/.

/** The program is `"use strict"` and one block, and no `var` in it escapes a function. */
export function assertScriptBlock(program, name) {
  const [directive, block, ...rest] = program.body;
  if (directive?.directive !== 'use strict' || block?.type !== 'BlockStatement' || rest.length > 0) {
    throw new Error(`${name}: expected "use strict";{…} at the top level`);
  }
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if (/Function|Class/.test(node.type)) return;
    if (node.type === 'VariableDeclaration' && node.kind === 'var') {
      throw new Error(`${name}: a top-level var (${node.declarations.map((d) => d.id.name ?? d.id.type).join(', ')}) would become a property of the window`);
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(block);
}
