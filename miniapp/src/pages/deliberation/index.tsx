import ComingSoon from '../../components/coming-soon'

export default function DeliberationTab() {
  return (
    <ComingSoon
      title='议事'
      what='大家关心的事一起商量：提出议题、联名附议、参加议事会，重要事项一户一票表决。'
      points={['提出议题，邻居联名达到人数即上会', '议事会议程与决议公开', '一户一票线上投票，可凭回执核验']}
    />
  )
}
