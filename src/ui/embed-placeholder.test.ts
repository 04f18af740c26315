import { describe, expect, it } from 'vitest';
import { fillTemplate } from './embed-placeholder.js';

describe('fillTemplate', () => {
  it('fills every {service} and {category} with the text as written: $&, $\', $` and $$ are not patterns', () => {
    const values = { service: "Vidéo $'$&$` $$ $1", category: 'Publicité $&' };
    expect(fillTemplate('{service} — {category} — {service}', values)).toBe("Vidéo $'$&$` $$ $1 — Publicité $& — Vidéo $'$&$` $$ $1");
  });

  it('leaves other braces alone, and does not fill a value into itself', () => {
    expect(fillTemplate('{name} {service}', { service: '{category}', category: 'X' })).toBe('{name} {category}');
  });
});
