/** Reads and validates CONFIG_FILE at boot; any problem is one error naming the file and the bad field. */
import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { Value, type ValueError } from '@sinclair/typebox/value'
import { checkOptionTypes } from '../core/ollama-options.js'
import { parse as parseYaml } from 'yaml'
import { ConfigFileSchema, type ConfigFile } from './config-file-schema.js'

export class ConfigFileError extends Error {
  override readonly name = 'ConfigFileError'
}

/** How many schema violations the boot message lists before it stops. */
const MAX_REPORTED_ERRORS = 5

export async function loadConfigFile (path: string): Promise<ConfigFile> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new ConfigFileError(`CONFIG_FILE ${path} cannot be read: ${(error as Error).message}`, { cause: error })
  }
  return parseConfigFile(text, path)
}

/**
 * "Expected union value" says nothing; report the errors of the union branch that got furthest into
 * the value instead (the object form of an alias, rather than its string shorthand).
 */
function innermostErrors (error: ValueError): ValueError[] {
  const branches = error.errors.map((branch) => [...branch])
  if (branches.length === 0) return [error]
  const depth = (errors: ValueError[]) => Math.max(...errors.map((branchError) => branchError.path.length))
  const best = branches.reduce((left, right) => depth(right) > depth(left) ? right : left)
  return best.flatMap(innermostErrors)
}

/** JSON for `.json` files, YAML (a superset of JSON) for anything else. */
export function parseConfigFile (text: string, path: string): ConfigFile {
  let data: unknown
  try {
    data = extname(path).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text)
  } catch (error) {
    throw new ConfigFileError(`CONFIG_FILE ${path} is not valid ${extname(path).toLowerCase() === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message}`, { cause: error })
  }
  // An empty file means "nothing configured", as an empty .env does.
  if (data === null || data === undefined) return {}
  if (!Value.Check(ConfigFileSchema, data)) {
    const problems = [...Value.Errors(ConfigFileSchema, data)]
      .flatMap(innermostErrors)
      .slice(0, MAX_REPORTED_ERRORS)
      .map((error) => `${error.path === '' ? '(top level)' : error.path}: ${error.message}`)
    throw new ConfigFileError(`CONFIG_FILE ${path} is invalid: ${problems.join('; ')}`)
  }
  // The shared options schema documents types without enforcing them; Ollama's own check does, at boot here.
  for (const [name, alias] of Object.entries(data.aliases ?? {})) {
    if (typeof alias === 'string' || alias.options === undefined) continue
    try {
      checkOptionTypes(alias.options)
    } catch (error) {
      throw new ConfigFileError(`CONFIG_FILE ${path} is invalid: /aliases/${name}/options: ${(error as Error).message}`)
    }
  }
  const ids = new Set<string>()
  for (const server of data.servers ?? []) {
    if (ids.has(server.id)) throw new ConfigFileError(`CONFIG_FILE ${path} is invalid: server id '${server.id}' is declared twice`)
    ids.add(server.id)
  }
  return data
}
