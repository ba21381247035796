// Component and API-client tests for the mini-program: plain jest + @testing-library/react,
// with @tarojs/taro mapped to a shim over @tarojs/taro-h5 (what the H5 build runs) and
// @tarojs/components mapped to @tarojs/components-react (the H5 build uses
// h5.useHtmlComponents). Everything resolves from miniapp/'s node_modules.
const path = require('path')

const repo = path.resolve(__dirname, '../..')
const miniapp = path.join(repo, 'miniapp')
const fromMiniapp = (id) => require.resolve(id, { paths: [miniapp] })
const pkgDir = (id) => path.dirname(fromMiniapp(`${id}/package.json`))

// ESM-only packages that must go through babel; `(\.pnpm/<id>/node_modules/)?` handles pnpm's layout
const esm = ['@tarojs', '@stencil', 'swiper', 'lodash-es', 'query-string', 'decode-uri-component',
  'split-on-first', 'filter-obj', 'ssr-window', 'dom7', 'universal-router', 'path-to-regexp', 'history', 'classnames',
  'echarts', 'zrender', '@nutui', '@swc/helpers']

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'miniapp',
  rootDir: repo,
  roots: ['<rootDir>/tests/miniapp'],
  testMatch: ['<rootDir>/tests/miniapp/**/*.test.[jt]s?(x)'],
  testEnvironment: fromMiniapp('jest-environment-jsdom'),
  // jsdom defaults to the 'browser' export condition, which picks ESM-only builds
  testEnvironmentOptions: { url: 'http://localhost/', customExportConditions: ['node', 'node-addons'] },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.(mjs|cjs|js|jsx|ts|tsx)$': [fromMiniapp('babel-jest'), { configFile: path.join(miniapp, 'babel.config.js') }],
  },
  transformIgnorePatterns: [`^(?!.*/node_modules/(\\.pnpm/[^/]+/node_modules/)?(${esm.join('|')})/).*/node_modules/`],
  // bare imports in test files (which live outside miniapp/) resolve from miniapp's dependencies
  modulePaths: [path.join(miniapp, 'node_modules')],
  moduleNameMapper: {
    '^react$': pkgDir('react'),
    '^react-dom$': pkgDir('react-dom'),
    '^react-dom/client$': fromMiniapp('react-dom/client'),
    '^react/jsx-runtime$': fromMiniapp('react/jsx-runtime'),
    // one zod instance for the app and the contract, so z.config({ jitless }) reaches both
    '^zod$': fromMiniapp('zod'),
    '^@linli/shared$': path.join(repo, 'shared/src/index.ts'),
    '^@tarojs/taro$': path.join(__dirname, 'setup/taro-shim.js'),
    '^@tarojs/components$': path.join(__dirname, 'setup/components-html.js'),
    '\\.(css|less|scss|sass|styl)$': path.join(__dirname, 'setup/styleMock.js'),
  },
  setupFiles: [path.join(__dirname, 'setup/setup-env.js')],
  globals: {
    API_BASE: '',
    DEV_LOGIN: true,
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: true,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_MUTATION_OBSERVER: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    DEPRECATED_ADAPTER_COMPONENT: false,
    __TARO_FRAMEWORK__: 'react',
  },
}
