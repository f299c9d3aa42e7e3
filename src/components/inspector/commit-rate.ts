/**
 * The chat's commit count at one moment (`at` in ms, any clock).
 *
 * @example
 * const sample: CommitSample = { at: performance.now(), commits: metrics.commits }
 */
export interface CommitSample {
  at: number
  commits: number
}

/**
 * React commits per second over the last `windowMs` of samples: the figure that shows
 * batching works (it stays near the frame rate however fast tokens arrive). Measured
 * between the newest sample and the oldest one inside the window, so it needs two samples
 * some time apart; `undefined` until then.
 *
 * @example
 * commitsPerSecond([{ at: 0, commits: 0 }, { at: 500, commits: 30 }]) // 60
 */
export function commitsPerSecond(samples: readonly CommitSample[], windowMs = 1000): number | undefined {
  const newest = samples.at(-1)
  if (newest === undefined) return undefined
  let oldest = newest
  for (let i = samples.length - 2; i >= 0; i--) {
    const sample = samples[i]!
    if (newest.at - sample.at > windowMs) break
    oldest = sample
  }
  const span = newest.at - oldest.at
  if (span <= 0) return undefined
  return ((newest.commits - oldest.commits) / span) * 1000
}

/**
 * Drops the samples older than the window, so a long stream keeps a short list.
 *
 * @example
 * samples = pruneSamples([...samples, { at: now, commits }], 1000)
 */
export function pruneSamples(samples: CommitSample[], windowMs = 1000): CommitSample[] {
  const newest = samples.at(-1)
  if (newest === undefined) return samples
  const firstInside = samples.findIndex((sample) => newest.at - sample.at <= windowMs)
  return firstInside > 0 ? samples.slice(firstInside) : samples
}
