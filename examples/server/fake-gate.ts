/**
 * A gate the fake model waits at halfway through each answer until it is opened by a request,
 * so a test can reload the page while an answer is provably unfinished, without guessing a
 * delay that a loaded machine could outrun (`RIVULET_FAKE_HOLD=1`, then `POST /api/fake/release`).
 */
export interface FakeGate {
  /** Resolves when the gate is opened, or at once when `signal` aborts (a stopped stream must not hang). */
  wait(signal?: AbortSignal): Promise<void>
  /** Lets every answer waiting now go on; returns how many were waiting. Later answers wait again. */
  release(): number
  /** How many answers wait at the gate now. */
  readonly waiting: number
}

/**
 * Creates a {@link FakeGate}.
 *
 * @example
 * const gate = createFakeGate()
 * createApp({ model: 'fake', gate }) // POST /api/fake/release calls gate.release()
 */
export function createFakeGate(): FakeGate {
  const waiters = new Set<() => void>()
  return {
    wait(signal) {
      return new Promise((resolve) => {
        if (signal?.aborted) return resolve()
        const done = () => {
          waiters.delete(done)
          signal?.removeEventListener('abort', done)
          resolve()
        }
        waiters.add(done)
        signal?.addEventListener('abort', done, { once: true })
      })
    },
    release() {
      const released = [...waiters]
      for (const done of released) done()
      return released.length
    },
    get waiting() {
      return waiters.size
    },
  }
}
