/**
 * Redis key names for one stream. Every key of a stream carries the hash tag `{streamId}`, so
 * on Redis Cluster they share a slot and multi-key commands (`EXISTS a b`) work.
 */
export interface StreamKeys {
  /** The Redis Stream of events (entry id `1-<seq>`, field `e` = the event's JSON). */
  events: string
  /** A hash: `owner` (hash of the owner secret), `created` (ms), `beat` (the producer's last heartbeat, Redis time in ms), `finished` ('1'). */
  meta: string
  /** The stop flag (a string with a TTL) and the pub/sub channel stops are announced on. */
  stop: string
}

/** The keys of `streamId` under `prefix`. */
export function streamKeys(prefix: string, streamId: string): StreamKeys {
  const base = `${prefix}{${streamId}}`
  return { events: `${base}:events`, meta: `${base}:meta`, stop: `${base}:stop` }
}

/** The sorted set of an owner's active streams (member = stream id, score = when it frees by itself). */
export function slotsKey(prefix: string, ownerKey: string): string {
  return `${prefix}{owner:${encodeURIComponent(ownerKey)}}:slots`
}

/** The Redis Stream entry id for an event's `seq`: ids must grow, and `1-<seq>` makes `XRANGE` start at a seq. */
export function entryId(seq: number): string {
  return `1-${seq}`
}
