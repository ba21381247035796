import { View, Text, Switch } from '@tarojs/components'
import { useElder } from '../elder'
import './elder-switch.css'

/**
 * The 长辈模式 switch in 我的. Own component: in H5 a <button role="switch"> (a real, named
 * control for screen readers, as large as the text beside it); in weapp WeChat's own switch.
 */
export default function ElderSwitch() {
  const [on, setOn] = useElder()
  const label = '长辈模式'
  const help = on ? '已开启：字更大，按钮更大，首页只留常用的事。' : '字更大、按钮更大，首页更简单。'
  return (
    <View className='card elder-switch' id='mine-elder'>
      <View className='elder-switch__row'>
        <View className='elder-switch__text'>
          <Text className='card__title elder-switch__title'>{label}</Text>
          <Text className='muted' id='mine-elder-help'>{help}</Text>
        </View>
        {process.env.TARO_ENV === 'h5' ? (
          <button type='button' role='switch' aria-checked={on} aria-label={label} aria-describedby='mine-elder-help'
            id='mine-elder-switch' className={`elder-switch__toggle${on ? ' elder-switch__toggle--on' : ''}`}
            onClick={() => setOn(!on)}>
            <span className='elder-switch__knob' aria-hidden='true' />
          </button>
        ) : (
          <Switch id='mine-elder-switch' checked={on} color='#0a6b48' ariaLabel={label} onChange={(e) => setOn(e.detail.value)} />
        )}
      </View>
    </View>
  )
}
