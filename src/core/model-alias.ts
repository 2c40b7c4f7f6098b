/** Names that stand for another model, optionally with their own system prompt and default options. */

/** One turn of a model's own conversation (a Modelfile MESSAGE line). */
export interface PresetMessage {
  readonly role: 'system' | 'user' | 'assistant'
  readonly content: string
}

/** What a Modelfile (or a config-file alias) adds on top of the model it is built from. */
export interface ModelPreset {
  /** Used when the request brings no system prompt of its own. */
  readonly system?: string
  /** Ollama options (`temperature`, `num_predict`...); the request's own options win. */
  readonly options?: Readonly<Record<string, unknown>>
  /** A conversation put before every request's own messages, as a Modelfile's MESSAGE lines are. */
  readonly messages?: readonly PresetMessage[]
}

export interface ModelAlias {
  /** The name clients use (`qwen2:7b`, `my-assistant`); `:latest` is implied as for every model. */
  readonly name: string
  /** Any name the registry resolves: `provider/model`, or another alias. */
  readonly target: string
  readonly preset?: ModelPreset
  /** Names tried in order when the target fails before anything was streamed (issue 8). */
  readonly fallbacks?: readonly string[]
  /** Built-in defaults, the config file, or made by a client (`/api/create`, `/api/copy`). */
  readonly origin: 'builtin' | 'config' | 'user'
  /** When a client made it (user models only), an ISO 8601 date: `/api/tags` and `/api/show` report it as `modified_at`. */
  readonly createdAt?: string
}
