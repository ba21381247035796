export default definePageConfig({ navigationBarTitleText: '宣讲主题' })
