/** Limits shared by the mini-program's forms and the server's validation. */
export const POLL_LIMITS = {
  titleMax: 100,
  bodyMax: 5000,
  optionsMin: 2,
  optionsMax: 20,
  optionLabelMax: 100,
  reasonMax: 500,
  serialNumberMax: 64,
  photoRefMax: 300,
  idempotencyKeyMax: 128,
} as const

/** Option ids are the letters printed on the paper ballot: A, B, C ... */
export const OPTION_LETTERS = 'ABCDEFGHIJKLMNOPQRST'
