import { useEffect, useId, useState } from 'react'
import { Chat } from '../../src/components/chat/chat.tsx'
import { StreamInspector } from '../../src/components/inspector/stream-inspector.tsx'
import { createChatClient, type ChatClient } from '../../src/core/chat-client.ts'
import { createReplayTransport, type ReplayOptions } from '../../src/mocks/replay.ts'
import { STREAM_FORMATS, type StreamFormat } from '../../src/protocol/decoders/stream-format.ts'
import type { Recording } from '../../src/protocol/recording/recording.ts'
import { labFaultIds, labFaultLabels, makeLabFaults, type LabFaultId } from './lab-faults.ts'
import { isScenario, labSources, loadLabRecording, sourceLabel, type LabSource } from './lab-sources.ts'
import './stream-lab.css'

/** Replay speeds the lab offers; `tokens` paces by token events at `tokensPerSecond`. */
export const labSpeeds = ['0.25', '1', '4', '10', 'instant', 'tokens'] as const
export type LabSpeed = (typeof labSpeeds)[number]

const speedLabels: Record<LabSpeed, string> = {
  '0.25': '0.25×',
  '1': '1× (recorded timing)',
  '4': '4×',
  '10': '10×',
  instant: 'Instant',
  tokens: 'Tokens per second',
}

/** Everything that decides one run of the lab. */
export interface LabSettings {
  source: LabSource
  /** The wire format a script is encoded in (a recording keeps its own). */
  format: StreamFormat
  speed: LabSpeed
  tokensPerSecond: number
  faults: LabFaultId[]
  /** Where positional faults (drop, stall, skip…) strike. */
  atEvent: number
  prompt: string
}

export interface StreamLabProps {
  initial: LabSettings
}

interface Run {
  id: number
  client: ChatClient
  recording: Recording
  faultLabels: string[]
}

function replayOptions(settings: LabSettings): ReplayOptions {
  const faults = makeLabFaults(settings.faults, settings.atEvent)
  if (settings.speed === 'tokens') return { tokensPerSecond: settings.tokensPerSecond, faults }
  if (settings.speed === 'instant') return { speed: 'instant', faults }
  return { speed: Number(settings.speed), faults }
}

/**
 * Story-only playground: replays a fixture or a script through a fresh chat client (with the
 * in-memory replay transport, so no service worker is involved) and shows `<Chat>` beside a
 * `StreamInspector` watching the same client. Settings apply when Replay is pressed.
 */
export function StreamLab({ initial }: StreamLabProps) {
  const id = useId()
  const [draft, setDraft] = useState(initial)
  const [applied, setApplied] = useState({ settings: initial, round: 0 })
  const [run, setRun] = useState<Run>()
  const [problem, setProblem] = useState<string>()

  useEffect(() => {
    let cancelled = false
    const { settings } = applied
    setProblem(undefined)
    loadLabRecording(settings.source, settings.format)
      .then((recording) => {
        if (cancelled) return
        const options = replayOptions(settings)
        const client = createChatClient({ transport: createReplayTransport(recording, options), format: recording.header.format })
        setRun((previous) => ({ id: (previous?.id ?? 0) + 1, client, recording, faultLabels: (options.faults ?? []).map((fault) => fault.label) }))
      })
      .catch((error: unknown) => {
        if (!cancelled) setProblem(String(error))
      })
    return () => {
      cancelled = true
    }
  }, [applied])

  // Runs after the inspector below has started observing the new client (child effects run
  // first), so the inspector sees the request. Only a new client sends: the prompt is the one
  // applied with it.
  const prompt = applied.settings.prompt
  useEffect(() => {
    if (!run) return
    void run.client.send(prompt)
    return () => run.client.destroy()
  }, [run]) // prompt deliberately left out

  const set = <K extends keyof LabSettings>(key: K, value: LabSettings[K]) => setDraft((current) => ({ ...current, [key]: value }))
  const toggleFault = (fault: LabFaultId, on: boolean) =>
    set('faults', on ? [...draft.faults, fault] : draft.faults.filter((f) => f !== fault))
  const scenario = isScenario(draft.source)
  const duration = run?.recording.chunks.at(-1)?.t ?? 0

  return (
    <div data-rivulet-lab="">
      <form
        data-lab-settings=""
        aria-label="Stream Lab settings"
        onSubmit={(event) => {
          event.preventDefault()
          setApplied((current) => ({ settings: draft, round: current.round + 1 }))
        }}
      >
        <div data-lab-fields="">
          <label data-lab-field="">
            Source
            <select value={draft.source} onChange={(event) => set('source', event.target.value as LabSource)}>
              <optgroup label="Recordings (fixtures/)">
                {labSources.filter((s) => !isScenario(s)).map((s) => (
                  <option key={s} value={s}>
                    {sourceLabel(s)}
                  </option>
                ))}
              </optgroup>
              <optgroup label="Scripted scenarios">
                {labSources.filter(isScenario).map((s) => (
                  <option key={s} value={s}>
                    {sourceLabel(s)}
                  </option>
                ))}
              </optgroup>
            </select>
          </label>
          <label data-lab-field="">
            Format
            <select value={draft.format} disabled={!scenario} onChange={(event) => set('format', event.target.value as StreamFormat)}>
              {STREAM_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </label>
          <label data-lab-field="">
            Speed
            <select value={draft.speed} onChange={(event) => set('speed', event.target.value as LabSpeed)}>
              {labSpeeds.map((s) => (
                <option key={s} value={s}>
                  {speedLabels[s]}
                </option>
              ))}
            </select>
          </label>
          {draft.speed === 'tokens' ? (
            <label data-lab-field="">
              Tokens/s
              <input type="number" min={1} max={5000} value={draft.tokensPerSecond} onChange={(event) => set('tokensPerSecond', Number(event.target.value) || 1)} style={{ width: '7em' }} />
            </label>
          ) : null}
          <label data-lab-field="">
            At event
            <input type="number" min={0} value={draft.atEvent} onChange={(event) => set('atEvent', Number(event.target.value) || 0)} style={{ width: '6em' }} />
          </label>
          <button type="submit" data-lab-replay="">
            Replay
          </button>
        </div>
        <fieldset data-lab-faults="">
          <legend>Faults</legend>
          {labFaultIds.map((fault) => (
            <label key={fault} htmlFor={`${id}-${fault}`} data-lab-fault="">
              <input id={`${id}-${fault}`} type="checkbox" checked={draft.faults.includes(fault)} onChange={(event) => toggleFault(fault, event.target.checked)} />
              {labFaultLabels[fault]}
            </label>
          ))}
        </fieldset>
      </form>

      <p data-rivulet-lab-summary="" role="status">
        {problem
          ? `Could not load the source: ${problem}`
          : run
            ? `${sourceLabel(applied.settings.source)} · ${run.recording.header.format} · ${run.recording.chunks.length} chunks over ${Math.round(duration)} ms recorded · ${speedLabels[applied.settings.speed]}${
                run.faultLabels.length ? ` · faults: ${run.faultLabels.join(', ')}` : ''
              }`
            : 'Loading…'}
      </p>

      {run ? (
        <div key={run.id} data-lab-run="">
          <section aria-label="Replayed chat">
            <Chat chat={run.client} style={{ height: 560 }} />
          </section>
          <section aria-label="Stream inspector">
            <StreamInspector chat={run.client} maxEntries={120} />
          </section>
        </div>
      ) : null}
    </div>
  )
}
