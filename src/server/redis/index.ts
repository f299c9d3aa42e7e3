/**
 * `rivulet-ui/server/redis` — the Redis-backed resume store, for servers behind a load
 * balancer: any instance can resume or stop a stream another instance produces. Needs the
 * `redis` package (node-redis v5 or v6), an optional peer dependency.
 */
export { createRedisResumeStore } from './redis-resume-store.ts'
export type { RedisResumeStore, RedisResumeStoreOptions } from './redis-resume-store.ts'
export { RedisUnavailableError } from './client.ts'
export type { RedisClientLike } from './client.ts'
export { ProducerLostError, StreamExpiredError } from './follow.ts'
