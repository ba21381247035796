export default definePageConfig({ navigationBarTitleText: '新建跟踪事项' })
