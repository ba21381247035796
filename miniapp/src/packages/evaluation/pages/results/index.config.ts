export default definePageConfig({ navigationBarTitleText: '双向评价结果' })
