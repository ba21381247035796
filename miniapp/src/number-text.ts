/**
 * What a number field keeps of what was typed: a field prefilled with 0 used to read 02 after
 * typing 2. Leading zeros go (a lone 0 stays), so the field shows the number the person means.
 */
export function numberText(typed: string): string {
  return typed.replace(/^0+(?=\d)/, '')
}
