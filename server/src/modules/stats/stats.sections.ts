import type { StatsSectionSource } from './stats.context'
import { errandsSection } from './stats.errands'
import { outreachSection } from './stats.outreach'

/**
 * Add-on sections of GET /units/:id/stats (issue 14's errands and outreach): each is one
 * function from the context (unit, period, now, visibility, communityIds) to a section of
 * figures, or null. A section marked `public: false` is left out for residents.
 */
export const STATS_SECTIONS: StatsSectionSource[] = [errandsSection, outreachSection]
