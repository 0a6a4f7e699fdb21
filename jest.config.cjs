/**
 * One multi-project jest config. `@switchboard/*` maps to package sources, so tests never need a
 * build. Projects: unit (co-located *.test.ts), examples (tests of the example plugins in examples/),
 * integration (Node + the real gateway), e2e (real Chromium). Run one with `--selectProjects unit`.
 */
const path = require('node:path');

const transform = { '^.+\\.[tj]sx?$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.jest.json') }] };
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform,
  // ky and webrtc-adapter's ES-module sources are ESM-only: let ts-jest compile them to CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/(ky|webrtc-adapter)@[^/]+/node_modules/)?(ky|webrtc-adapter)/)'],
  moduleNameMapper: { '^@switchboard/([a-z-]+)$': '<rootDir>/packages/$1/src/index.ts' },
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/packages/*/src/**/*.test.ts', '<rootDir>/packages/*/test/**/*.test.ts'] },
    { ...common, displayName: 'examples', testMatch: ['<rootDir>/examples/*/test/**/*.test.ts'] },
    { ...common, displayName: 'gateway', testMatch: ['<rootDir>/tooling/gateway/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/tooling/integration/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/tooling/e2e/**/*.test.ts'] },
  ],
  testTimeout: 60000,
};
