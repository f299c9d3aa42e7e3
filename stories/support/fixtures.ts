/** The recorded provider streams in `fixtures/`, loaded lazily as raw text for stories. */
const bodies = import.meta.glob<string>('../../fixtures/*.sse', { query: '?raw', import: 'default' })
const sidecars = import.meta.glob<FixtureSource>('../../fixtures/*.source.json', { eager: true, import: 'default' })

export interface FixtureSource {
  kind: string
  source_repo: string
  license_of_source_repo: string
  response_content_type?: string[]
  summary: { format: string; bytes: number; sse_events: number; has_error: boolean; ends_cleanly: boolean }
}

const baseName = (path: string) => path.replace(/^.*\//, '').replace(/\.(sse|source\.json)$/, '')

/** Fixture names, e.g. `openai-chat-text`. */
export const fixtureNames: string[] = Object.keys(bodies).map(baseName).sort()

export function fixtureSource(name: string): FixtureSource {
  const entry = Object.entries(sidecars).find(([path]) => baseName(path) === name)
  if (!entry) throw new Error(`No sidecar for fixture ${name}`)
  return entry[1]
}

export async function loadFixture(name: string): Promise<string> {
  const entry = Object.entries(bodies).find(([path]) => baseName(path) === name)
  if (!entry) throw new Error(`No fixture named ${name}`)
  return entry[1]()
}
