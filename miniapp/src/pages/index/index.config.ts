export default definePageConfig({ navigationBarTitleText: '邻里议事', enablePullDownRefresh: true })
