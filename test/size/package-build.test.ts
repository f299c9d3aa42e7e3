// @vitest-environment node
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { measureBundle, NOT_OWN, type BundleSize } from '../../bench/lib/library-size.ts'

/*
 * An app gets the library from its package (`dist/`, built by `vite build` with this repository's
 * config), not from `src`. If that build merged modules into shared chunks, an app's bundler could
 * no longer split the lazy parts off its first paint: a <Chat> app once shipped 50.5 KB gzip of our
 * code where the sources needed 25. So the package is built here, laid out as the tarball is
 * (package.json beside dist/, for its `sideEffects`), and an app importing <Chat> from it must load
 * exactly the modules with the page that the same app built from the sources does. Module lists
 * are deterministic; the byte figures are the size suite's.
 */

let packageDir = ''
let fromPackage: BundleSize
let fromSources: BundleSize

beforeAll(async () => {
  packageDir = await mkdtemp(join(tmpdir(), 'rivulet-package-'))
  await build({ configFile: 'vite.config.ts', logLevel: 'silent', build: { outDir: join(packageDir, 'dist'), emptyOutDir: true, sourcemap: false } })
  await copyFile('package.json', join(packageDir, 'package.json'))
  const entry = join(packageDir, 'chat-app.js')
  await writeFile(entry, "export { Chat } from './dist/index.js'\n")
  fromPackage = await measureBundle(entry, NOT_OWN)
  fromSources = await measureBundle('bench/size/chat-app.ts', NOT_OWN)
}, 180_000)

afterAll(async () => {
  if (packageDir) await rm(packageDir, { recursive: true, force: true })
})

/** A module's path inside the library, the same for `src/core/turn.ts` and `…/dist/core/turn.js`. */
const libraryPath = (id: string) => id.replace(/^.*?\/dist\//, '').replace(/^src\//, '').replace(/\.(tsx?|js)$/, '')

it('an app importing <Chat> from the built package loads the same modules with the page as one built from the sources', () => {
  const own = (size: BundleSize) =>
    size.eagerModules
      .map((m) => m.id)
      .filter((id) => id.startsWith('src/') || id.includes('/dist/'))
      .map(libraryPath)
      .sort()
  expect(own(fromSources).length).toBeGreaterThan(20)
  expect(own(fromPackage)).toEqual(own(fromSources))
})
