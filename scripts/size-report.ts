/**
 * `npx tsx scripts/size-report.ts [entry] [--all]`: where the footprint's bytes are. Builds
 * `entry` (default `src/index.ts`; `bench/size/chat-app.ts` is the quick-start `<Chat>` app) the
 * way the size suite does (`bench/lib/library-size.ts`: an app's production build, own code only)
 * and prints every chunk (eager or lazy, minified and gzip bytes) and the eager modules, largest
 * first, with each one's code gzipped alone (an upper bound of its share: gzip across modules
 * shares strings). `--all` lists every eager module instead of the largest 40.
 */
import { measureBundle, NOT_OWN } from '../bench/lib/library-size.ts'

const args = process.argv.slice(2)
const entry = args.find((a) => !a.startsWith('--')) ?? 'src/index.ts'
const size = await measureBundle(entry, NOT_OWN)
const pad = (n: number, w = 7) => String(n).padStart(w)

console.log(`${entry}: eager ${size.eagerGzip} B gzip (${size.eagerMinified} B minified), lazy ${size.lazyGzip} B gzip (${size.lazyMinified} B minified)`)
console.log('\nchunks (gzip, minified):')
for (const c of [...size.chunks].sort((a, b) => Number(b.eager) - Number(a.eager) || b.gzip - a.gzip)) {
  console.log(`${c.eager ? 'eager' : 'lazy '} ${pad(c.gzip)} ${pad(c.minified)}  ${c.fileName}`)
}
const shown = args.includes('--all') ? size.eagerModules : size.eagerModules.slice(0, 40)
console.log(`\neager modules (rendered bytes before minification, gzip alone), ${shown.length} of ${size.eagerModules.length}:`)
for (const m of shown) console.log(`${pad(m.minified)} ${pad(m.gzip)}  ${m.id}`)
