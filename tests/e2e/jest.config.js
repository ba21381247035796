// Browser end-to-end tests: the built H5 app in Debian's Chromium (playwright-core), served by a
// real API server that global-setup.cjs starts on a free port with a fresh data directory.
const path = require('path')

const repo = path.resolve(__dirname, '../..')

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'e2e',
  rootDir: repo,
  roots: ['<rootDir>/tests/e2e'],
  testMatch: ['<rootDir>/tests/e2e/**/*.e2e.test.[jt]s'],
  testEnvironment: 'node',
  // the root's @swc/jest (also used by the server tests): TypeScript -> CommonJS
  transform: {
    '^.+\\.[jt]s$': [require.resolve('@swc/jest', { paths: [repo] }), {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    }],
  },
  globalSetup: path.join(__dirname, 'global-setup.cjs'),
  globalTeardown: path.join(__dirname, 'global-teardown.cjs'),
  maxWorkers: 1,
  // testTimeout is a global option: the root jest.config.js's 180 s covers the browser flows here
}
