import { parseReceiptCode, parseReceiptRef, receiptCode, receiptCodePrefix } from '@linli/shared'

// The short code is the receipt's first 80 bits in Crockford base32, four groups of four.
describe('receipt codes', () => {
  const receipt = '0123456789abcdef0123' + 'a'.repeat(44)

  it('writes the first 20 hex digits as 16 Crockford characters in groups of four', () => {
    // 0x0123456789abcdef0123 in base32 digits 0-9, A-Z without I, L, O, U (computed independently)
    expect(receiptCode(receipt)).toBe('04HM-ASW9-NF6Y-Y093')
    expect(receiptCode('f'.repeat(64))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ')
    expect(receiptCode('0'.repeat(64))).toBe('0000-0000-0000-0000')
  })

  it('reads back what a person typed or said, and the receipt prefix it stands for', () => {
    expect(parseReceiptCode(' 04hm asw9-nf6y y093 ')).toBe('04HM-ASW9-NF6Y-Y093')
    expect(parseReceiptCode('O4HMASW9NF6YY093')).toBe('04HM-ASW9-NF6Y-Y093') // O is read as 0
    expect(parseReceiptCode('04HM-ASW9-NF6Y-Y09')).toBeNull()
    expect(parseReceiptCode('04HM-ASW9-NF6Y-Y09U')).toBeNull() // U is not in the alphabet
    expect(receiptCodePrefix('04HM-ASW9-NF6Y-Y093')).toBe('0123456789abcdef0123')
    expect(parseReceiptRef('04hm-asw9-nf6y-y093')).toEqual({ kind: 'code', code: '04HM-ASW9-NF6Y-Y093', prefix: '0123456789abcdef0123' })
  })
})
