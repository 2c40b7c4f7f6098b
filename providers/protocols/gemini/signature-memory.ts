/**
 * Gemini 3 tool loops (policy): the model's functionCall parts carry a `thoughtSignature` that must come
 * back with the call in the next request, and Ollama clients cannot carry it. The stream mapper remembers
 * each signature under the tool-call id it hands out; the request mapper puts it back. For a call we did
 * not see (a restart, another instance, a client-made history), the first call of the turn gets Google's
 * documented `skip_thought_signature_validator` placeholder instead, so the request is not refused.
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures (checked 2026-11)
 */
import { ToolCallMemory } from '../../shared/tool-call-memory.js'

export const SKIP_SIGNATURE_VALIDATOR = 'skip_thought_signature_validator'

/** Thought signatures by the tool-call id we handed out; each Gemini provider plugin makes its own (createGeminiProtocol). */
export class SignatureMemory extends ToolCallMemory<string> {}
