/**
 * `GET {base}/models` of OpenAI-compatible servers: `{"object":"list","data":[{"id","created",...}]}`, with the
 * extra fields some of them add (OpenRouter's `context_length`, `architecture.input_modalities` and
 * `supported_parameters`; SiliconFlow's `sub_type`; vLLM's `max_model_len`; Groq's `context_window`).
 * @see https://platform.openai.com/docs/api-reference/models/list (checked 2026-11)
 * @see https://openrouter.ai/docs/api-reference/list-available-models (checked 2026-11)
 * @see https://docs.siliconflow.cn/cn/api-reference/models/get-model-list (checked 2026-11)
 */
import type { Capability } from '../../../src/core/capabilities.js'
import { positiveInteger, unixSecondsToDate, type ListedModel, type ListGet } from '../../../src/core/listed-model.js'

/** SiliconFlow's kinds that are neither chat nor embedding models (images, speech, rerankers, video): not served. */
const NOT_SERVED_SUB_TYPES = new Set(['text-to-image', 'image-to-image', 'speech-to-text', 'text-to-speech', 'reranker', 'text-to-video', 'image-to-video'])

interface OpenAiListEntry {
  id?: unknown
  created?: unknown
  context_length?: unknown
  max_model_len?: unknown
  context_window?: unknown
  sub_type?: unknown
  architecture?: { input_modalities?: unknown }
  supported_parameters?: unknown
  top_provider?: { max_completion_tokens?: unknown }
}

/** The entries of one `/models` body; throws an Error when it has no `data` array. */
export function readOpenAiModelList (body: unknown): ListedModel[] {
  const data = (body as { data?: unknown } | null)?.data
  if (!Array.isArray(data)) throw new Error('model list without a data array')
  const models: ListedModel[] = []
  for (const entry of data as OpenAiListEntry[]) {
    if (typeof entry !== 'object' || entry === null || typeof entry.id !== 'string' || entry.id === '') continue
    if (typeof entry.sub_type === 'string' && NOT_SERVED_SUB_TYPES.has(entry.sub_type)) continue
    const capabilities = capabilitiesOf(entry)
    const contextLength = positiveInteger(entry.context_length) ?? positiveInteger(entry.max_model_len) ?? positiveInteger(entry.context_window)
    const maxOutputTokens = positiveInteger(entry.top_provider?.max_completion_tokens)
    const createdAt = unixSecondsToDate(entry.created)
    models.push({
      id: entry.id,
      ...(capabilities === undefined ? {} : { capabilities }),
      ...(contextLength === undefined ? {} : { contextLength }),
      ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }),
      ...(createdAt === undefined ? {} : { createdAt })
    })
  }
  return models
}

/** What the entry itself says: SiliconFlow's `sub_type: embedding`, or OpenRouter's modalities and parameters; else undefined. */
function capabilitiesOf (entry: OpenAiListEntry): Capability[] | undefined {
  if (entry.sub_type === 'embedding') return ['embedding']
  const parameters = Array.isArray(entry.supported_parameters) ? entry.supported_parameters : undefined
  const modalities = Array.isArray(entry.architecture?.input_modalities) ? entry.architecture.input_modalities : undefined
  if (parameters === undefined) return undefined
  const capabilities: Capability[] = ['completion']
  if (parameters.includes('tools')) capabilities.push('tools')
  if (parameters.includes('reasoning') || parameters.includes('include_reasoning')) capabilities.push('thinking')
  if (modalities?.includes('image') === true) capabilities.push('vision')
  return capabilities
}

/** Reads `/models` (one page: OpenAI-compatible servers answer the whole list at once). */
export async function listOpenAiModels (get: ListGet): Promise<ListedModel[]> {
  return readOpenAiModelList(await get('/models'))
}
