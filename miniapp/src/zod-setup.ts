import { z } from 'zod'
// imported by path, not from '@linli/shared': the contract's schemas must not exist yet (see below)
import { zhZodError } from '../../shared/src/common/zod-zh'

// Mini-programs forbid `new Function`; zod decides per schema at creation time whether to
// compile a fast path, so this must run before any schema module is evaluated.
// localeError: zod's own checks read in Chinese on the phone too.
z.config({ jitless: true, localeError: zhZodError })
