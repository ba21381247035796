// '@tarojs/components' for TARO_COMPONENTS=html: @tarojs/components-react (pure React components,
// what the H5 build uses with h5.useHtmlComponents: true). Its Button/Picker/Refresher import
// { View } from '@tarojs/components' (= itself): under CommonJS that cycle sees a half-built
// module, so expose View before loading the index.
exports.View = require(require.resolve('@tarojs/components-react/dist/components/view/index.js', { paths: [require('path').resolve(__dirname, '../../../miniapp')] })).default
Object.assign(exports, require(require.resolve('@tarojs/components-react', { paths: [require('path').resolve(__dirname, '../../../miniapp')] })))
