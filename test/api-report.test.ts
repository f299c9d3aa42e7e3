// @vitest-environment node
import { beforeAll, describe, expect, it } from 'vitest'
import { apiEntries, generateApiReports, readCheckedInReports } from '../scripts/api-report.ts'

/*
 * The public surface of every subpath export, compared with the reports checked in under api/.
 * A change to what the package exports (a new name, a removed one, a changed signature) fails
 * here with the diff; when the change is intended, `npm run api:update` rewrites the reports
 * and the diff goes to review with the code.
 */
const entries = apiEntries()
let generated = new Map<string, string>()
const checkedIn = readCheckedInReports()
const hint = 'the public API changed: if that is intended, run `npm run api:update` and commit api/'

beforeAll(() => {
  generated = generateApiReports(entries)
}, 120_000)

describe('public API reports (api/*.api.md)', () => {
  it('has one checked-in report per subpath export of package.json, and none for an export that is gone', () => {
    expect([...checkedIn.keys()].sort(), hint).toEqual(entries.map((entry) => entry.name).sort())
  })

  it.each(entries.map((entry) => [entry.importPath, entry.name]))('%s matches api/%s.api.md', (_importPath, name) => {
    expect(generated.get(name), hint).toBe(checkedIn.get(name))
  })

  it('marks deprecated aliases, so a rename stays visible in the report', () => {
    expect(generated.get('protocol')).toContain('## createOpenAiChatDecoder (deprecated)')
    expect(generated.get('mocks')).toContain('## resumeUrl (deprecated)')
  })
})
