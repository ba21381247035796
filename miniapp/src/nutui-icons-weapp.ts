// NutUI's icons render an <i>. WeChat has no <i>, and Taro's weapp templates have none for it, so
// every icon drew nothing in weapp (the weapp-runtime test, tests/weapp/pages-render.test.js, saw
// "Template tmpl_0_i not found" on most pages). In weapp they are drawn as views; H5 keeps <i>.
import { globalConfig } from '@nutui/icons-react-taro/dist/es/icons/internal.js'

if (process.env.TARO_ENV === 'weapp') globalConfig.tag = 'view'
