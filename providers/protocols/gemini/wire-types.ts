/**
 * Gemini API (generativelanguage.googleapis.com) wire shapes for generateContent and its SSE stream.
 * @see https://ai.google.dev/api/generate-content (checked 2026-11)
 */

export type GeminiPart =
  | { text: string, thought?: boolean, thoughtSignature?: string }
  | { inlineData: { mimeType: string, data: string } }
  | { functionCall: { name: string, args: Record<string, unknown>, id?: string }, thoughtSignature?: string }
  | { functionResponse: { name: string, response: Record<string, unknown> } }

export interface GeminiContent {
  role: 'user' | 'model'
  parts: GeminiPart[]
}

export interface GeminiThinkingConfig {
  includeThoughts?: boolean
  /** Gemini 2.5: tokens, 0 = off, -1 = dynamic. */
  thinkingBudget?: number
  /** Gemini 3 and later. */
  thinkingLevel?: 'minimal' | 'low' | 'medium' | 'high'
}

export interface GeminiRequest {
  contents: GeminiContent[]
  systemInstruction?: { parts: Array<{ text: string }> }
  tools?: Array<{ functionDeclarations: Array<{ name: string, description?: string, parameters?: unknown }> }>
  generationConfig?: {
    temperature?: number
    topP?: number
    topK?: number
    maxOutputTokens?: number
    stopSequences?: string[]
    seed?: number
    presencePenalty?: number
    frequencyPenalty?: number
    responseMimeType?: string
    responseSchema?: unknown
    thinkingConfig?: GeminiThinkingConfig
    /** Return the chosen tokens' log probabilities (`logprobsResult` on each candidate). */
    responseLogprobs?: boolean
    /** With responseLogprobs: how many most likely tokens at each step. */
    logprobs?: number
  }
}

/** One token of `logprobsResult`; proto3 JSON leaves out a `logProbability` of 0. */
export interface GeminiLogprobsCandidate {
  token?: string
  tokenId?: number
  logProbability?: number
}

/** A candidate's `logprobsResult`: one chosen token per decoding step, and as many lists of alternatives. */
export interface GeminiLogprobsResult {
  chosenCandidates?: GeminiLogprobsCandidate[]
  topCandidates?: Array<{ candidates?: GeminiLogprobsCandidate[] }>
  logProbabilitySum?: number
}

export interface GeminiResponsePart {
  text?: string
  thought?: boolean
  thoughtSignature?: string
  functionCall?: { name?: string, args?: Record<string, unknown> | null, id?: string }
}

/** One `data:` payload with `alt=sse`: a fragment of GenerateContentResponse, usage cumulative. */
export interface GeminiStreamChunk {
  candidates?: Array<{
    content?: { role?: string, parts?: GeminiResponsePart[] }
    finishReason?: string
    logprobsResult?: GeminiLogprobsResult
  }>
  usageMetadata?: {
    promptTokenCount?: number
    candidatesTokenCount?: number
    thoughtsTokenCount?: number
    totalTokenCount?: number
  }
  promptFeedback?: { blockReason?: string }
  error?: { code?: number, message?: string, status?: string }
}
