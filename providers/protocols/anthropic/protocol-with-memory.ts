/**
 * The Anthropic protocol of one provider instance: anthropicProtocol (whose own mappers keep no signed
 * thinking, so a tool loop continues with thinking off) with that instance's memory of it.
 */
import type { Protocol } from '../../../src/core/protocol.js'
import { assistantToolCallIds } from '../../shared/tool-call-memory.js'
import { anthropicProtocol } from './protocol.js'
import { AnthropicStreamMapper } from './stream-mapper.js'
import type { ThinkingMemory } from './thinking-memory.js'
import { toAnthropicRequest } from './to-anthropic-request.js'

/**
 * The protocol one Anthropic provider plugin registers: anthropicProtocol with that instance's memory of
 * signed thinking, kept by the stream mapper and put back by the request mapper (thinking-memory.ts).
 */
export function createAnthropicProtocol (thinkingMemory: ThinkingMemory): Protocol {
  return {
    // Only a shared memory has anything to read first: a process-local one adds no await to the request.
    ...(thinkingMemory.isShared ? { prepareChatRequest: (request) => thinkingMemory.preload(assistantToolCallIds(request)) } : {}),
    ...anthropicProtocol,
    buildChatRequest: (request, context) => ({ path: '/v1/messages', body: toAnthropicRequest(request, { ...context, thinkingMemory }) }),
    createStreamMapper: () => new AnthropicStreamMapper(thinkingMemory)
  }
}
