/**
 * `rivulet-ui/server/redis` — the Redis-backed resume store, for servers behind a load
 * balancer: any instance can resume or stop a stream another instance produces. Takes a
 * node-redis client (`redis` v5 or v6, an optional peer dependency) or an ioredis one through
 * `fromIoredis`.
 */
export { createRedisResumeStore } from './redis-resume-store.ts'
export type { RedisResumeStore, RedisResumeStoreOptions } from './redis-resume-store.ts'
export { RedisUnavailableError } from './client.ts'
export type { RedisClientLike } from './client.ts'
export { ProducerLostError, StreamExpiredError } from './follow.ts'
export { fromIoredis } from './ioredis.ts'
export type { IoredisLike } from './ioredis.ts'
