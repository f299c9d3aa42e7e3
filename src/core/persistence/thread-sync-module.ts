/**
 * What the lazily loaded thread sync chunk holds (`lazy-thread-sync.ts` loads it): watching the
 * chat to save it, reading the stored thread and validating it, the saver, and the default
 * stream cursor store. A chat without `id` never loads it.
 */
export { attachMirroredThreadSync } from './mirrored-thread-sync.ts'
