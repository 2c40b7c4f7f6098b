/**
 * Multi-turn tool loops with thinking (policy): Anthropic wants the assistant turn that called tools to
 * start with its signed thinking blocks, which Ollama clients cannot send back (they keep at most the
 * plain `thinking` text). The stream mapper remembers those blocks here under the tool-call ids it
 * hands out, and the request mapper puts them back in front of the calls. When they are not known
 * (another adapter instance, a restart, ids the client made up), thinking is switched off for that
 * request instead of letting Anthropic answer 400.
 * @see https://docs.claude.com/en/docs/build-with-claude/extended-thinking#preserving-thinking-blocks (checked 2026-11)
 */
import { ToolCallMemory } from '../../shared/tool-call-memory.js'
import type { AnthropicThinkingBlock } from './wire-types.js'

/** Signed thinking blocks by the tool-call id they led to; each Anthropic provider plugin makes its own (createAnthropicProtocol). */
export class ThinkingMemory extends ToolCallMemory<readonly AnthropicThinkingBlock[]> {}
