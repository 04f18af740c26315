import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code (src/**/*.test.ts). Pure modules run in Node;
// files that need a DOM say `// @vitest-environment jsdom` at the top.
export default defineConfig({
  root: new URL('..', import.meta.url).pathname,
  test: {
    include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
    environment: 'node',
  },
});
