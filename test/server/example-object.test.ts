// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { createApp } from '../../examples/server/app.ts'
import { syncScheduler } from '../../src/core/frame-scheduler.ts'
import { createObjectClient } from '../../src/core/object/object-client.ts'
import { completeElements } from '../../src/core/object/complete-elements.ts'
import { startLocalServer, type LocalServer } from './local-server.ts'

let server: LocalServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const StudyPlan = z.object({
  topic: z.string(),
  summary: z.string(),
  weeks: z.array(z.object({ title: z.string(), goals: z.array(z.string()) })),
})

describe('example backend: /api/object', () => {
  it('streams the fake model as a study plan that useObject parses and the schema accepts, over real HTTP', async () => {
    server = await startLocalServer(createApp({ model: 'fake', fakeDelayMs: 0 }))
    const client = createObjectClient({ api: `${server.url}/api/object`, schema: StudyPlan, scheduler: syncScheduler })
    const weeksSeen: number[] = []
    client.subscribe(() => weeksSeen.push(completeElements(client.getSnapshot().object?.weeks).length))
    await client.submit({ topic: 'Rust' })
    await vi.waitFor(() => expect(client.getSnapshot().status).toBe('ready'), { timeout: 10_000 })
    const plan = client.getSnapshot().object!
    expect(plan.topic).toBe('Rust')
    expect(plan.weeks).toHaveLength(4)
    // Weeks completed one after another while the plan streamed.
    expect(new Set(weeksSeen)).toEqual(new Set([0, 1, 2, 3, 4]))
  })

  it('rejects a body that is not JSON and answers GET with 405', async () => {
    server = await startLocalServer(createApp({ model: 'fake', fakeDelayMs: 0 }))
    expect((await fetch(`${server.url}/api/object`, { method: 'POST', body: 'nope' })).status).toBe(400)
    expect((await fetch(`${server.url}/api/object`)).status).toBe(405)
  })
})
