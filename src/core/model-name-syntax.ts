/** Whether a name is one Ollama accepts: `[host/][namespace/]model[:tag]` with its character rules. */

const PART = '[A-Za-z0-9_][A-Za-z0-9_.-]*'
const NAME = new RegExp(`^(${PART}/){0,2}${PART}(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$`)

export function isValidModelName (name: string | undefined): name is string {
  return name !== undefined && name.length <= 350 && NAME.test(name)
}

const PROVIDER_NAME = new RegExp(`^(${PART}/)*${PART}(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$`)

/**
 * Whether a name no provider serves is still well formed: Ollama's character rules for each part, but any number
 * of `/`-separated parts, as this service's names are `provider/model` with model ids that hold slashes themselves
 * (`fireworks/accounts/fireworks/models/…`). A name failing it is Ollama's 400 `invalid model name`.
 */
export function isWellFormedModelName (name: string): boolean {
  return name.length <= 350 && PROVIDER_NAME.test(name)
}
