import { z } from 'zod'

// Mini-programs forbid `new Function`; zod decides per schema at creation time whether to
// compile a fast path, so this must run before any schema module is evaluated.
z.config({ jitless: true })
