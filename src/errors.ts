/** The error catalogue: Ollama's wording and status for every error the API answers. */
import createError from '@fastify/error'

export const MissingBodyError = createError('OLLAMA_MISSING_BODY', 'missing request body', 400)
export const ModelRequiredError = createError('OLLAMA_MODEL_REQUIRED', 'model is required', 400)
export const ModelNotFoundError = createError<[string]>('OLLAMA_MODEL_NOT_FOUND', "model '%s' not found", 404)
export const ThinkingUnsupportedError = createError<[string]>('OLLAMA_THINKING_UNSUPPORTED', '"%s" does not support thinking', 400)
export const ToolsUnsupportedError = createError<[string]>('OLLAMA_TOOLS_UNSUPPORTED', '%s does not support tools', 400)
export const InsertUnsupportedError = createError<[string]>('OLLAMA_INSERT_UNSUPPORTED', '%s does not support insert', 400)
export const ChatUnsupportedError = createError<[string]>('OLLAMA_CHAT_UNSUPPORTED', '"%s" does not support chat', 400)
export const GenerateUnsupportedError = createError<[string]>('OLLAMA_GENERATE_UNSUPPORTED', '"%s" does not support generate', 400)
export const RawConflictError = createError('OLLAMA_RAW_CONFLICT', 'raw mode does not support template, system, or context', 400)
export const TopLogprobsRangeError = createError('OLLAMA_TOP_LOGPROBS_RANGE', 'top_logprobs must be between 0 and 20', 400)
export const InvalidRequestError = createError<[string]>('OLLAMA_INVALID_REQUEST', '%s', 400)
/**
 * Ollama's capability check has this wording for every capability (`<full name> does not support <capability>`);
 * current Ollama no longer reaches it for images, but an upstream text model would fail on them anyway, so we
 * answer it up front, as older Ollama releases did.
 */
export const VisionUnsupportedError = createError<[string]>('OLLAMA_VISION_UNSUPPORTED', '%s does not support vision', 400)
/** Go's base64 decoder wording for a bad `images` entry (a `data:` prefix included). */
export const InvalidImageDataError = createError<[number]>('OLLAMA_INVALID_IMAGE_DATA', 'illegal base64 data at input byte %d', 400)
/** Ollama rejects a wrong-typed option from the scheduler's default branch, hence 500 with the message kept. */
export const OptionTypeError = createError<[string, string]>('OLLAMA_OPTION_TYPE', 'option "%s" must be %s', 500)
export const InvalidModelNameError = createError('OLLAMA_INVALID_MODEL_NAME', 'invalid model name', 400)
export const InvalidNameError = createError<[string]>('OLLAMA_INVALID_NAME', 'name "%s" is invalid', 400)
export const InvalidCopySourceError = createError<[string]>('OLLAMA_INVALID_COPY_SOURCE', 'source "%s" is invalid', 400)
export const InvalidCopyDestinationError = createError<[string]>('OLLAMA_INVALID_COPY_DESTINATION', 'destination "%s" is invalid', 400)
/** Copy's wording differs from chat's: double quotes. */
export const CopySourceNotFoundError = createError<[string]>('OLLAMA_COPY_SOURCE_NOT_FOUND', 'model "%s" not found', 404)
export const CreateSourceMissingError = createError('OLLAMA_CREATE_SOURCE_MISSING', "neither 'from' or 'files' was specified", 400)
export const CreateFromFilesError = createError('OLLAMA_CREATE_FROM_FILES', 'creating a model from files is not supported: this server serves cloud models, name one of them in "from"', 400)
/** A provider's model or a configured alias: it is not ours to replace or delete. */
export const ModelNotUserDefinedError = createError<[string, string]>('OLLAMA_MODEL_NOT_USER_DEFINED', "model '%s' %s; only models made with create or copy can be changed", 400)
export const EmbedModelNotFoundError = createError<[string]>('OLLAMA_EMBED_MODEL_NOT_FOUND', 'model "%s" not found, try pulling it first', 404)
export const EmbeddingUnsupportedError = createError<[string]>('OLLAMA_EMBEDDING_UNSUPPORTED', '%s does not support embedding', 400)
export const InvalidInputTypeError = createError('OLLAMA_INVALID_INPUT_TYPE', 'invalid input type', 400)
/** A compressed request body (Content-Encoding) whose data is not valid in its coding; Ollama's wording for zstd. */
export const BodyDecodingError = createError<[string]>('OLLAMA_BODY_DECODING', 'failed to decompress %s body', 400)
export const UnsupportedContentEncodingError = createError<[string]>('OLLAMA_UNSUPPORTED_CONTENT_ENCODING', 'unsupported Content-Encoding "%s": send the body uncompressed or as gzip, deflate, br or zstd', 415)
