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

/**
 * Ballot secrecy against differencing: no read by anyone but the household itself narrows a
 * household's choice to fewer than k households. k is a community setting (poll_settings),
 * frozen on a poll when it opens; this is the default where a community set none.
 */
export const POLL_SECRECY = { defaultK: 5, minK: 2, maxK: 50 } as const
