import { useEffect, useState } from 'react'
import { SseParserStream, type SseEvent } from '../../src/protocol/index.ts'

export interface EventInspectorProps {
  /** URL that answers a POST with an event stream. */
  url: string
}

interface Row {
  at: number
  event: SseEvent
}

/** Story-only: streams a URL and lists each SSE event as it arrives, with its arrival time. */
export function EventInspector({ url }: EventInspectorProps) {
  const [rows, setRows] = useState<Row[]>([])
  const [state, setState] = useState<'streaming' | 'done' | 'error'>('streaming')
  const [problem, setProblem] = useState('')

  useEffect(() => {
    const controller = new AbortController()
    const started = performance.now()
    setRows([])
    setState('streaming')
    ;(async () => {
      const response = await fetch(url, { method: 'POST', signal: controller.signal })
      const reader = response.body!.pipeThrough(new SseParserStream()).getReader()
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        const at = Math.round(performance.now() - started)
        setRows((previous) => [...previous, { at, event: value }])
      }
      setState('done')
    })().catch((error: unknown) => {
      if (controller.signal.aborted) return
      setProblem(String(error))
      setState('error')
    })
    return () => controller.abort()
  }, [url])

  return (
    <section data-state={state} style={{ fontFamily: 'ui-monospace, monospace', fontSize: 12 }}>
      <p role="status">
        {state === 'streaming' ? 'Streaming…' : state === 'done' ? `Done: ${rows.length} events` : `Failed: ${problem}`}
      </p>
      <ol aria-label="Events" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {rows.map(({ at, event }, i) => (
          <li key={i} style={{ display: 'grid', gridTemplateColumns: '4em 14em 1fr', gap: 8, borderBottom: '1px solid #eee' }}>
            <span>{at} ms</span>
            <strong>{event.type}</strong>
            <code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{event.data}</code>
          </li>
        ))}
      </ol>
    </section>
  )
}
