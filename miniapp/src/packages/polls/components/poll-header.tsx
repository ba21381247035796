import { View, Text } from '@tarojs/components'
import type { PollT } from '../../../api/polls'
import { formatDateTime } from '../../../format'
import { choiceInWords, ruleInWords, statusLabel, voterRuleInWords } from '../poll-text'
import InfoRow from '../../../components/info-row'

/** Title, text, options and the rules of a poll, as printed on the paper ballot. */
export default function PollHeader({ poll, showBody = true }: { poll: PollT; showBody?: boolean }) {
  return (
    <View className='card' id='poll-header'>
      <View>
        <Text className={`poll-head__status poll-head__status--${poll.status}`} id='poll-status'>{statusLabel(poll.status)}</Text>
        <Text className='muted'>{poll.unitName}</Text>
      </View>
      <View role='heading' aria-level={1} className='h1' id='poll-title'><Text>{poll.title}</Text></View>
      {showBody && poll.body && <Text className='poll-body'>{poll.body}</Text>}
      <View id='poll-options'>
        {poll.options.map((o) => (
          <View className='poll-option' key={o.id}>
            <Text className='poll-option__letter'>{o.id}.</Text>
            <Text>{o.label}</Text>
          </View>
        ))}
      </View>
      <InfoRow label='开始时间' value={formatDateTime(poll.opensAt)} />
      <InfoRow label='截止时间' value={formatDateTime(poll.closesAt)} id='poll-closes' />
      <InfoRow label='怎么选' value={choiceInWords(poll.choice)} />
      <InfoRow label='谁来投' value={voterRuleInWords(poll.voterRule)} />
      <InfoRow label='能否改票' value={poll.allowChange ? '截止前可以修改' : '投出后不能修改'} />
      <InfoRow label='计票公布' value={poll.tallyVisibility === 'live' ? '投票期间实时公布' : '投票结束后公布'} />
      {poll.electorateSize !== null && <InfoRow label='有投票权' value={`${poll.electorateSize} 户`} id='poll-electorate' />}
      <InfoRow label='怎样算通过' value={ruleInWords(poll.rule)} id='poll-rule' />
      {poll.statusReason && <InfoRow label={poll.status === 'cancelled' ? '取消原因' : '说明'} value={poll.statusReason} id='poll-reason' />}
    </View>
  )
}
