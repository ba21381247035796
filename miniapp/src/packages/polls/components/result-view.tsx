import { View, Text } from '@tarojs/components'
import type { TallyT } from '../../../api/polls'
import { ruleInWords } from '../poll-text'

const pct = (n: number, d: number) => (d > 0 ? `${Math.round((n / d) * 1000) / 10}%` : '—')
const area = (n: number) => `${Math.round(n * 100) / 100} 平方米`

function ChannelLine({ c, id }: { c: { online: number; paper: number; door: number }; id?: string }) {
  return <Text className='muted' id={id}>线上 {c.online} · 纸质票 {c.paper} · 入户代投 {c.door}</Text>
}

/** The result: turnout, each option with its channel subtotals, each rule condition met or not. */
export default function ResultView({ tally }: { tally: TallyT }) {
  const t = tally.turnout
  // a live snapshot's counts are those of an earlier moment: the bars measure against it
  const counted = tally.asOf?.votedHouseholds ?? t.votedHouseholds
  return (
    <View className='result' id='poll-result'>
      <View className='card' id='result-turnout'>
        <Text className='card__title'>参与情况</Text>
        <View className='row'>
          <Text className='row__label'>已投票户数</Text>
          <Text className='row__value' id='turnout-households'>{t.votedHouseholds} / {t.eligibleHouseholds} 户（{pct(t.votedHouseholds, t.eligibleHouseholds)}）</Text>
        </View>
        <View className='row'>
          <Text className='row__label'>已投票面积</Text>
          <Text className='row__value'>{area(t.votedArea)} / {area(t.eligibleArea)}</Text>
        </View>
        <View className='row'>
          <Text className='row__label'>投票方式</Text>
          <ChannelLine c={t.byChannel} id='turnout-channels' />
        </View>
      </View>

      {!tally.visible || !tally.options ? (
        <View className='card' id='result-hidden'>
          <Text className='muted'>
            {tally.liveEvery
              ? `为保护投票秘密，实时计票每新增至少 ${tally.liveEvery} 户投票才更新一次，并比实际进度晚至少 ${tally.liveEvery} 户；目前还没有可以公布的计票，结束后公布全部结果。`
              : '本次投票在结束后才公布各选项票数。'}
          </Text>
        </View>
      ) : (
        <View className='card' id='result-options'>
          <Text className='card__title'>{tally.certified ? '计票结果（已认证）' : '实时计票'}</Text>
          {tally.asOf && (
            <Text className='muted' id='result-as-of'>
              截至第 {tally.asOf.votedHouseholds} 户投票时的票数（为保护投票秘密，每新增至少 {tally.liveEvery} 户才更新，结束后公布全部结果）
            </Text>
          )}
          {tally.options.map((o) => (
            <View className='result-option' key={o.id} id={`result-option-${o.id}`}>
              <View className='result-option__head'>
                <Text>{o.id}. {o.label}</Text>
                <Text className='result-option__count'>{o.count} 票</Text>
              </View>
              <View className='result-bar' aria-hidden='true'>
                <View className='result-bar__fill' style={{ width: counted ? `${(o.count / counted) * 100}%` : '0' }} />
              </View>
              {o.byChannel && <ChannelLine c={o.byChannel} id={`result-option-${o.id}-channels`} />}
              {o.area !== null && <Text className='muted'>{' · '}面积 {area(o.area)}</Text>}
            </View>
          ))}
        </View>
      )}

      {tally.decision && (
        <View className='card' id='result-decision'>
          <Text className='card__title'>表决规则</Text>
          <Text className='muted'>{ruleInWords(tally.decision.rule)}</Text>
          {tally.decision.conditions.map((c) => (
            <View className={`condition ${c.met ? 'condition--met' : 'condition--unmet'}`} key={c.key} id={`condition-${c.key}`}>
              <Text className='condition__mark'>{c.met ? '✓ 达到' : '✗ 未达到'}</Text>
              <Text>{c.label}：{c.actual}（要求 {c.required}）</Text>
            </View>
          ))}
          {tally.certified && (
            <Text className={`verdict ${tally.decision.passed ? 'verdict--passed' : 'verdict--failed'}`} id='result-verdict'>
              {tally.decision.passed ? `表决通过${tally.decision.subjectOption ? `（选项 ${tally.decision.subjectOption}）` : ''}` : '表决未通过'}
            </Text>
          )}
        </View>
      )}
    </View>
  )
}
