import { existsSync } from 'node:fs'

/**
 * First setup file of the unit-react18 project: names the missing step instead of letting
 * every test fail on an unresolvable import. `npm test` installs it (pretest).
 */
if (!existsSync('test/react18/node_modules/react/package.json')) {
  throw new Error('React 18.3 is not installed for the *-react18 test projects: run `npm ci --prefix test/react18` (npm test does it by itself).')
}
