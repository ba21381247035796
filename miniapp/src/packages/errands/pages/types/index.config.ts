export default definePageConfig({ navigationBarTitleText: '代办事项目录' })
