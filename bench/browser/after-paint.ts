/**
 * Resolves in the first task after the current animation frame's rendering: called from a
 * `requestAnimationFrame` callback (or a microtask of one), that task runs once the frame's
 * style, layout, paint and commit are done, so "frame start → here" is what the frame cost to
 * pixels without the wait for the next vsync. (Requesting another animation frame first, as
 * `afterFrame` in `thread-probes.ts` does, adds a whole frame interval, ~16.7 ms, to every sample.)
 *
 * @example
 * const began = await new Promise<number>((r) => requestAnimationFrame(() => r(performance.now())))
 * flushSync(update)
 * await afterPaint()
 * const toPixels = performance.now() - began
 */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(null)
  })
}
