/**
 * The Lua scripts of the Redis store. Each touches the keys of one stream only (one hash tag,
 * so one Redis Cluster slot), and takes times from Redis's clock so instances whose clocks
 * disagree still agree on heartbeats.
 */

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`

/**
 * One flush of a stream's events, in one round trip: an `XADD … MAXLEN ~` per event (an entry
 * whose id is not above the last one is skipped, not fatal to the rest), `created` once, the
 * producer's heartbeat, `finished` after a terminal event, and both keys' TTL.
 * KEYS: events, meta. ARGV: maxEvents, ttlMs, finished ('1' | '0'), created (ms), then id, json, id, json, …
 */
export const APPEND_SCRIPT = `${NOW}
for i = 5, #ARGV, 2 do
  redis.pcall('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], ARGV[i], 'e', ARGV[i + 1])
end
redis.call('HSETNX', KEYS[2], 'created', ARGV[4])
redis.call('HSET', KEYS[2], 'beat', now)
if ARGV[3] == '1' then redis.call('HSET', KEYS[2], 'finished', '1') end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 1
`

/**
 * A producer's heartbeat for a stream with nothing to write: only while the stream exists, so a
 * beat never brings back a stream that expired or was deleted. KEYS: meta.
 */
export const BEAT_SCRIPT = `if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
${NOW}
redis.call('HSET', KEYS[1], 'beat', now)
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
