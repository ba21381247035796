/** Limits used by both the mini-program and the server. */
export const REPORT_LIMITS = {
  photosMin: 1,
  photosMax: 9,
  resolvePhotosMax: 9,
  descriptionMax: 500,
  addressMax: 200,
  placeNameMax: 100,
  noteMax: 500,
  /** "me too" / duplicate lookup radius, metres */
  nearbyRadiusDefault: 100,
  nearbyRadiusMax: 2000,
  /** reports one user may file per hour, counted in the database */
  createPerHour: 20,
  /** a resolved report the reporter does not answer is closed after this many days */
  autoCloseDays: 7,
  /** public feed: coordinates rounded to this many decimals (~100 m) */
  blurDecimals: 3,
} as const

export const UPLOAD_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  /** decompression-bomb guard: refuse before decoding */
  maxPixels: 40_000_000,
  /** stored images are scaled down to fit this box */
  maxEdge: 2560,
  thumbEdge: 320,
  types: ['image/jpeg', 'image/png', 'image/webp'] as const,
} as const

/**
 * A report's text is optional (a rider snaps, picks a category and goes on; the category's name
 * then stands for the text), except for categories whose name says nothing about the problem.
 */
export const CATEGORIES_NEEDING_TEXT: readonly string[] = ['other']
export const categoryNeedsText = (code: string) => CATEGORIES_NEEDING_TEXT.includes(code)
