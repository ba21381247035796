// Builds the weapp when there is no build to test (CI builds it before the tests; see .ci/run).
const { execFileSync } = require('child_process')
const fs = require('fs')
const path = require('path')

module.exports = async () => {
  const miniapp = path.resolve(__dirname, '../../miniapp')
  const dir = path.resolve(miniapp, process.env.WEAPP_DIR || 'dist/weapp')
  if (fs.existsSync(path.join(dir, 'app.json')) && fs.existsSync(path.join(dir, 'app.js'))) return
  console.log(`\n[weapp] building the weapp into ${path.relative(miniapp, dir)}…`)
  execFileSync('pnpm', ['build:weapp'], {
    cwd: miniapp, stdio: 'inherit',
    env: { ...process.env, TARO_APP_LOCAL_API: '1', WEAPP_OUT: path.relative(miniapp, dir) },
  })
}
