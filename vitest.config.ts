import { defineConfig } from 'vitest/config';

// Unit and property tests run in Node against the compiled core (build/core.wasm).
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
