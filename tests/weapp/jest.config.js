// The built weapp (dist/weapp, or WEAPP_DIR) run in Node: WeChat's own wcc-compiled templates
// rendered by miniprogram-simulate (j-component in jsdom), the bundle's JS as WeChat would run it.
const path = require('path')

const repo = path.resolve(__dirname, '../..')
const miniapp = path.join(repo, 'miniapp')

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'weapp',
  rootDir: repo,
  roots: ['<rootDir>/tests/weapp'],
  testMatch: ['<rootDir>/tests/weapp/**/*.test.js'],
  testEnvironment: require.resolve('jest-environment-jsdom', { paths: [miniapp] }),
  // the bundle is plain JS already (ES2019): nothing to transform
  transform: {},
  modulePaths: [path.join(miniapp, 'node_modules')],
  globalSetup: '<rootDir>/tests/weapp/global-setup.cjs',
}
