/**
 * One multi-project jest config. `@switchboard/*` maps to package sources, so tests never need a
 * build. Projects: unit (co-located *.test.ts, plus the repository checks of tooling/repo),
 * examples (tests of the example plugins in examples/), integration (Node + the real gateway),
 * e2e (real Chromium), consumers (the packed packages in fresh consumer projects). Run one with
 * `--selectProjects unit`.
 */
const path = require('node:path');

const transform = { '^.+\\.[tj]sx?$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.jest.json') }] };
/** Dependencies whose sources are ESM-only: ts-jest compiles them to CommonJS (tooling/repo checks each is installed). */
const esmOnly = ['webrtc-adapter'];
const names = esmOnly.join('|');
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns: [`/node_modules/(?!(\\.pnpm/(${names})@[^/]+/node_modules/)?(${names})/)`],
  moduleNameMapper: {
    '^@switchboard/test-utils/gateway$': '<rootDir>/packages/test-utils/src/gateway.ts',
    '^@switchboard/([a-z-]+)$': '<rootDir>/packages/$1/src/index.ts',
  },
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/packages/*/src/**/*.test.ts', '<rootDir>/packages/*/test/**/*.test.ts', '<rootDir>/tooling/repo/**/*.test.ts',
        '<rootDir>/tooling/api-status/**/*.test.ts', '<rootDir>/tooling/build/**/*.test.ts', '<rootDir>/tooling/demo/src/**/*.test.ts',
      ],
    },
    { ...common, displayName: 'examples', testMatch: ['<rootDir>/examples/*/test/**/*.test.ts'] },
    { ...common, displayName: 'gateway', testMatch: ['<rootDir>/tooling/gateway/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/tooling/integration/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/tooling/e2e/**/*.test.ts'] },
    { ...common, displayName: 'docs', testMatch: ['<rootDir>/tooling/docs/**/*.test.ts'] },
    // Needs `node tooling/consumers/prepare.mjs` first (the test command runs it before jest).
    { ...common, displayName: 'consumers', testMatch: ['<rootDir>/tooling/consumers/**/*.test.ts', '<rootDir>/tooling/bench/**/*.test.ts'] },
  ],
  testTimeout: 60000,
};
