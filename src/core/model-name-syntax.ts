/** Whether a name is one Ollama accepts: `[host/][namespace/]model[:tag]` with its character rules. */

const PART = '[A-Za-z0-9_][A-Za-z0-9_.-]*'
const NAME = new RegExp(`^(${PART}/){0,2}${PART}(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$`)

export function isValidModelName (name: string | undefined): name is string {
  return name !== undefined && name.length <= 350 && NAME.test(name)
}
