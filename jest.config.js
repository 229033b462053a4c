/** Three projects: pure unit tests need no servers; integration tests share one
 * PostgreSQL and one Temporal dev server started once per run by the harness; the cluster
 * project's fault matrix starts the production topology itself (real Temporal server, several
 * processes of everything) and runs once, alongside the others. */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] };
module.exports = {
  // Ladder tests wait for real timers seconds long.
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/{activities,workflows,e2e,browser}/**/*.test.ts'],
      globalSetup: '<rootDir>/test/harness/global-setup.ts',
      globalTeardown: '<rootDir>/test/harness/global-teardown.ts',
    },
    {
      displayName: 'cluster',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/cluster/**/*.test.ts'],
      globalSetup: '<rootDir>/test/harness/cluster/global-setup.ts',
      globalTeardown: '<rootDir>/test/harness/cluster/global-teardown.ts',
    },
  ],
};
