/**
 * `fastify.sharedState`: the Redis connection replicas share state through when REDIS_URL is set, or
 * undefined (one process, state in memory and DATA_DIR). Its `available`, `outages` and `up`/`down`
 * events are what a metrics plugin reads. The start does not wait for an unreachable Redis: the replica
 * serves with its own state and catches up when Redis answers.
 */
import fp from 'fastify-plugin'
import { SharedRedis } from '../src/store/shared-redis.js'

declare module 'fastify' {
  interface FastifyInstance {
    sharedState: SharedRedis | undefined
  }
}

export default fp(async function sharedState (fastify) {
  const url = fastify.config.REDIS_URL?.trim()
  if (url === undefined || url === '') {
    fastify.decorate('sharedState', undefined)
    return
  }
  const redis = new SharedRedis({ url, keyPrefix: fastify.config.REDIS_KEY_PREFIX, log: fastify.log })
  fastify.decorate('sharedState', redis)
  fastify.addHook('onClose', async () => redis.close())
  await redis.connect()
}, { name: 'shared-state', fastify: '5.x', dependencies: ['config'] })
