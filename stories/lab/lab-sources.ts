import { scenarios } from '../../src/mocks/scenarios.ts'
import { encodeEvents } from '../../src/protocol/encoders/create-encoder.ts'
import type { StreamFormat } from '../../src/protocol/decoders/stream-format.ts'
import type { Recording } from '../../src/protocol/recording/recording.ts'
import { recordingFromSse } from '../../src/protocol/recording/recording-from-sse.ts'
import { fixtureNames, loadFixture } from '../support/fixtures.ts'

/** The scripted scenarios the lab offers besides the recorded fixtures. */
export const scenarioNames = ['markdown', 'toolCall', 'reasoning', 'long', 'error'] as const
export type ScenarioName = (typeof scenarioNames)[number]

/** `fixture:<name>` or `scenario:<name>`: one string so a single select can pick either. */
export type LabSource = `fixture:${string}` | `scenario:${ScenarioName}`

/** Every source in picker order: the recordings first, then the scripts. */
export const labSources: LabSource[] = [
  ...fixtureNames.map((name): LabSource => `fixture:${name}`),
  ...scenarioNames.map((name): LabSource => `scenario:${name}`),
]

/** Milliseconds between frames of a recording made from a `.sse` file or a script. */
export const FRAME_INTERVAL_MS = 20

export function sourceLabel(source: LabSource): string {
  const [kind, name] = splitSource(source)
  return kind === 'fixture' ? name : `${name} (script)`
}

function splitSource(source: LabSource): ['fixture' | 'scenario', string] {
  const colon = source.indexOf(':')
  return [source.slice(0, colon) as 'fixture' | 'scenario', source.slice(colon + 1)]
}

export function isScenario(source: LabSource): boolean {
  return splitSource(source)[0] === 'scenario'
}

/**
 * Any lab source as a recording, so one replay path (with the same faults) serves both: a
 * fixture keeps its recorded format; a script is encoded in the chosen `format`, one frame
 * per event, like a server would write it.
 */
export async function loadLabRecording(source: LabSource, format: StreamFormat): Promise<Recording> {
  const [kind, name] = splitSource(source)
  if (kind === 'fixture') return recordingFromSse(await loadFixture(name), { intervalMs: FRAME_INTERVAL_MS, source: `fixtures/${name}.sse` })
  const script = scenarios[name as ScenarioName]
  return recordingFromSse(encodeEvents(format, script), { format, intervalMs: FRAME_INTERVAL_MS, source: `scenarios.${name} as ${format}` })
}
