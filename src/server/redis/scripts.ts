/**
 * The Lua scripts of the Redis store. They take times from Redis's clock, so instances whose
 * clocks disagree still agree on heartbeats. The write scripts take the keys of several streams
 * at once (one command per event-loop turn instead of one per stream); on Redis Cluster the
 * store passes one stream's keys (one hash tag, one slot) per call.
 */

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`

/**
 * What one flush of a stream writes besides its entries: flag bits of {@link APPEND_SCRIPT},
 * decided by the producing instance (`heartbeat.ts`). Most flushes carry none: one `XADD` per
 * event is then all Redis does (3-4 µs of its CPU per event instead of ~9 with the meta and TTL
 * writes every time, measured).
 */
export const WRITE = {
  /** Refresh the producer's heartbeat (at most every half heartbeat interval). */
  beat: 1,
  /** Push both keys' TTL back to TTL + refresh period (at most once per refresh period). */
  refresh: 2,
  /** A terminal event: mark the stream finished, TTL exactly from now. */
  finished: 4,
  /** The first write of this stream by this instance, or one after a failed write: meta, heartbeat and TTLs. */
  whole: 8,
} as const

/**
 * One flush of the events of one or more streams, in one command and one round trip: per
 * stream, an `XADD … MAXLEN ~` per event, then what its {@link WRITE} flags ask for. A stream
 * whose keys are gone although this instance wrote it before (Redis restarted empty, a key
 * was evicted or deleted) is written whole, so a key never lives without a TTL. Keys live at
 * least TTL after every event: a refresh sets TTL + the refresh period, and refreshes come at
 * most that period apart. Every write is a `pcall`, so one stream's bad entry (an id not above
 * its last one, a key of the wrong type) never costs another's.
 * KEYS: events, meta of each stream. ARGV: maxEvents, ttlMs (after a terminal event),
 * refreshTtlMs, created (ms), then per stream: entry count, flags, then id, json, id, json, …
 */
export const APPEND_SCRIPT = `${NOW}
local a = 5
for k = 1, #KEYS, 2 do
  local count = tonumber(ARGV[a])
  local flags = tonumber(ARGV[a + 1])
  a = a + 2
  if flags < 8 and redis.call('EXISTS', KEYS[k], KEYS[k + 1]) < 2 then flags = flags + 8 end
  for i = 1, count do
    redis.pcall('XADD', KEYS[k], 'MAXLEN', '~', ARGV[1], ARGV[a], 'e', ARGV[a + 1])
    a = a + 2
  end
  local whole = flags >= 8
  if whole then redis.pcall('HSETNX', KEYS[k + 1], 'created', ARGV[4]) end
  if whole or flags % 2 == 1 then redis.pcall('HSET', KEYS[k + 1], 'beat', now) end
  if flags % 8 >= 4 then
    redis.pcall('HSET', KEYS[k + 1], 'finished', '1')
    redis.pcall('PEXPIRE', KEYS[k], ARGV[2])
    redis.pcall('PEXPIRE', KEYS[k + 1], ARGV[2])
  elseif whole or flags % 4 >= 2 then
    redis.pcall('PEXPIRE', KEYS[k], ARGV[3])
    redis.pcall('PEXPIRE', KEYS[k + 1], ARGV[3])
  end
end
return 1
`

/**
 * Producers' heartbeats for streams with nothing to write, only for streams that still exist,
 * so a beat never brings back a stream that expired or was deleted. KEYS: meta of each stream.
 */
export const BEAT_SCRIPT = `${NOW}
for k = 1, #KEYS do
  if redis.call('EXISTS', KEYS[k]) == 1 then redis.pcall('HSET', KEYS[k], 'beat', now) end
end
return 1
`

/** What {@link CHECK_SCRIPT} answers. */
export const STREAM_STATE = { expired: 0, alive: 1, producerLost: 2 } as const

/**
 * A follower's check after a quiet `XREAD`: is the stream gone (0), finished or its producer
 * heard from within ARGV[1] ms (1), or unfinished with no heartbeat that recent (2)?
 * KEYS: events, meta. ARGV: producerTimeoutMs.
 */
export const CHECK_SCRIPT = `if redis.call('EXISTS', KEYS[1], KEYS[2]) == 0 then return 0 end
local f = redis.call('HMGET', KEYS[2], 'finished', 'beat')
if f[1] then return 1 end
${NOW}
if not f[2] or now - tonumber(f[2]) > tonumber(ARGV[1]) then return 2 end
return 1
`

/**
 * Records a stream's owner before its first event, with a first heartbeat. KEYS: meta.
 * ARGV: ownerHash, created (ms), ttlMs.
 */
export const CLAIM_SCRIPT = `${NOW}
redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'created', ARGV[2], 'beat', now)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`
