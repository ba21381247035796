export default definePageConfig({ navigationBarTitleText: '跟踪落实' })
