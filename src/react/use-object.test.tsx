import { act, render } from '@testing-library/react'
import { memo } from 'react'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createFrameScheduler } from '../core/frame-scheduler.ts'
import { completeElements } from '../core/object/complete-elements.ts'
import { createObjectClient } from '../core/object/object-client.ts'
import type { ObjectTransport } from '../core/object/object-transport.ts'
import { useObject } from './use-object.ts'

/** Frames run only when the test says so: one call of `frame()` is one animation frame. */
function manualFrames() {
  let pending: (() => void) | undefined
  const scheduler = createFrameScheduler({
    requestFrame: (callback) => {
      pending = callback
      return 1
    },
    cancelFrame: () => {
      pending = undefined
    },
    // The test writes for longer than the default 100 ms fallback; frames come only from frame().
    maxFrameDelay: 600_000,
  })
  return {
    scheduler,
    frame: () =>
      act(() => {
        const run = pending
        pending = undefined
        run?.()
      }),
  }
}

/** A plain-text JSON body the test writes into; `signals` records each request's abort signal. */
function controlledTransport() {
  let controller!: ReadableStreamDefaultController<Uint8Array>
  const signals: AbortSignal[] = []
  const transport: ObjectTransport = {
    async send({ signal }) {
      signals.push(signal)
      const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) })
      return new Response(body, { headers: { 'content-type': 'text/plain' } })
    },
  }
  /** Writes text and lets the client read it (reads resolve on microtasks and macrotasks). */
  const write = async (text: string) => {
    controller.enqueue(new TextEncoder().encode(text))
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0))
    })
  }
  const end = async () => {
    controller.close()
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0))
    })
  }
  return { transport, write, end, signals }
}

const Profile = z.object({ name: z.string(), bio: z.string(), skills: z.array(z.object({ label: z.string() })) })
type Profile = z.infer<typeof Profile>

describe('useObject', () => {
  it('commits at most once per frame: 500 deltas in one frame render once', async () => {
    const { scheduler, frame } = manualFrames()
    const wire = controlledTransport()
    const client = createObjectClient<Profile>({ scheduler, transport: wire.transport, schema: Profile })
    let renders = 0
    function View() {
      useObject({ client })
      renders++
      return null
    }
    render(<View />)
    await act(() => void client.submit({}))
    const before = renders
    await wire.write('{"name": "')
    for (let i = 0; i < 500; i++) await wire.write('a')
    expect(renders).toBe(before)
    frame()
    expect(renders).toBe(before + 1)
    expect(client.getSnapshot().object?.name).toBe('a'.repeat(500))
  })

  it('a memoised field does not re-render while another field grows', async () => {
    const { scheduler, frame } = manualFrames()
    const wire = controlledTransport()
    const client = createObjectClient<Profile>({ scheduler, transport: wire.transport, schema: Profile })
    const counts = { name: 0, skills: 0 }
    const Name = memo(function Name({ value }: { value: string | undefined }) {
      counts.name++
      return <h1>{value}</h1>
    })
    const Skills = memo(function Skills({ skills }: { skills: Profile['skills'] | undefined }) {
      counts.skills++
      return <ul>{completeElements(skills).map((s, i) => <li key={i}>{s?.label}</li>)}</ul>
    })
    function Card() {
      const { object } = useObject({ client })
      return (
        <>
          <Name value={object?.name} />
          <Skills skills={object?.skills as Profile['skills'] | undefined} />
        </>
      )
    }
    const view = render(<Card />)
    await act(() => void client.submit({}))
    await wire.write('{"skills": [{"label": "Rust"}, {"label": "Go"}], "name": "Ad')
    frame()
    const afterFirst = { ...counts }
    // The name grows over three frames: the skills list (same array) never renders again.
    for (const piece of ['a', ' Love', 'lace"']) {
      await wire.write(piece)
      frame()
    }
    expect(counts.skills).toBe(afterFirst.skills)
    expect(counts.name).toBe(afterFirst.name + 3)
    // Now the bio grows: neither the name nor the skills render.
    await wire.write(', "bio": "Wrote the first')
    frame()
    await wire.write(' program"')
    frame()
    expect(counts).toEqual({ name: afterFirst.name + 3, skills: afterFirst.skills })
    await wire.write('}')
    await wire.end()
    expect(client.getSnapshot().status).toBe('ready')
    expect(view.container.querySelectorAll('li')).toHaveLength(2)
    expect(counts.skills).toBe(afterFirst.skills)
  })

  it('shows only finished elements of a growing list through completeElements', async () => {
    const { scheduler, frame } = manualFrames()
    const wire = controlledTransport()
    const client = createObjectClient<Profile>({ scheduler, transport: wire.transport })
    function List() {
      const { object } = useObject({ client })
      return <ul>{completeElements(object?.skills).map((s, i) => <li key={i}>{s?.label}</li>)}</ul>
    }
    const view = render(<List />)
    await act(() => void client.submit({}))
    await wire.write('{"skills": [{"label": "Rust"}, {"label": "G')
    frame()
    expect([...view.container.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Rust'])
    await wire.write('o"}')
    frame()
    expect([...view.container.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Rust', 'Go'])
  })

  it('turns text that is not JSON into an error state, keeping the partial object, without throwing out of React', async () => {
    const wire = controlledTransport()
    const { scheduler, frame } = manualFrames()
    const client = createObjectClient<Profile>({ scheduler, transport: wire.transport, schema: Profile })
    function View() {
      const { object, error, status } = useObject({ client })
      return (
        <p data-status={status}>
          {object?.name}|{error?.message}
        </p>
      )
    }
    const view = render(<View />)
    await act(() => void client.submit({}))
    await wire.write('{"name": "Ada", oops')
    frame()
    const p = view.container.querySelector('p')!
    expect(p.dataset['status']).toBe('error')
    expect(p.textContent).toBe("Ada|Unexpected 'o' at character 16: expected '\"' (a key)")
  })

  it('aborts the request on unmount', async () => {
    const wire = controlledTransport()
    let submit!: (input: unknown) => Promise<void>
    function View() {
      submit = useObject({ transport: wire.transport }).submit
      return null
    }
    const view = render(<View />)
    await act(() => void submit({}))
    expect(wire.signals[0]?.aborted).toBe(false)
    view.unmount()
    expect(wire.signals[0]?.aborted).toBe(true)
  })
})
