import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    // One file at a time: several files start child processes and assert wall-clock bounds that the
    // issues set (hot reload < 1 s, a degraded reply < 2 s); two files at once on a 2-core machine
    // starve each other. Files stay isolated (own schema and Redis prefix), so two whole runs can
    // still go side by side.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
