import { ownWords } from '../../miniapp/src/packages/reports/report-text'

// a report filed without text is stored with its category's name (server: reports.service create);
// the pages show the category once, not twice
describe('ownWords: the reporter\'s own text, or nothing', () => {
  it('is empty when the text is the category name the server filled in', () => {
    expect(ownWords({ categoryName: '道路设施', description: '道路设施' })).toBe('')
  })
  it('is the text when the reporter wrote some, even if it starts with the category', () => {
    expect(ownWords({ categoryName: '道路设施', description: '道路设施：井盖松动' })).toBe('道路设施：井盖松动')
  })
})
