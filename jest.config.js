// One jest run, five projects: the contract, the API on a real database, the mini-program's
// components, the H5 build in headless Chromium against a real server, and the built weapp in the weapp runtime.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }]

// ESM-only packages that server dependencies require() (Node 20 can, jest cannot): swc makes them CJS.
const esmOnly = ['@electric-sql', 'cookie', 'content-disposition']
const serverTransform = {
  transform: { '^.+\\.(ts|js|mjs|cjs)$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(\\.pnpm/[^/]+/node_modules/)?(${esmOnly.join('|')})/)`],
}

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 180000,
  projects: [
    {
      displayName: 'shared',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/shared'],
      transform: { '^.+\\.ts$': swc },
    },
    {
      displayName: 'server',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/server'],
      ...serverTransform,
    },
    '<rootDir>/tests/miniapp/jest.config.js',
    '<rootDir>/tests/e2e/jest.config.js',
    // the built weapp rendered in the weapp runtime (WeChat's wcc templates + miniprogram-simulate)
    '<rootDir>/tests/weapp/jest.config.js',
  ].filter((p) => typeof p !== 'string' || require('fs').existsSync(p.replace('<rootDir>', __dirname))),
}
