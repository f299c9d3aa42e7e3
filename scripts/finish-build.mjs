// After `vite build` and `tsc`: make the published declarations resolvable and ship the theme.
// Declarations are emitted from sources that import `./x.ts`; published types must say `./x.js`
// so they resolve under every consumer's moduleResolution, with or without skipLibCheck.
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const relativeTsImport = /((?:from|import)\s*\(?\s*['"]\.{1,2}\/[^'"]*?)\.tsx?(['"])/g

function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) walk(path)
    else if (entry.name.endsWith('.d.ts')) {
      const text = readFileSync(path, 'utf8')
      const fixed = text.replace(relativeTsImport, '$1.js$2')
      if (fixed !== text) writeFileSync(path, fixed)
    }
  }
}

const dist = process.argv[2] ?? 'dist'
walk(dist)
// The opt-in default theme, `rivulet-ui/styles.css`.
copyFileSync('src/styles.css', join(dist, 'styles.css'))
