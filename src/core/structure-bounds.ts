/**
 * Bounds on the JSON structures a client hands in for the service to translate: the answer's `format` schema, each
 * tool's `parameters` schema and the arguments of each tool call in the history. Every protocol walks them
 * recursively (schema conversion, JSON.stringify), so an absurdly nested one would exhaust the stack far from where it
 * entered; it is refused on entry instead with a 400 naming the bound, as providers name theirs.
 */
import type { NormalisedChatRequest } from './chat-request.js'
import { StructureTooDeepError, StructureTooLargeError } from '../errors.js'

/** Most levels of objects and arrays in one structure: real JSON schemas and arguments stay far below it. */
export const MAX_STRUCTURE_DEPTH = 64
/** Most values (object members and array elements, counted at every level) in one structure. */
export const MAX_STRUCTURE_VALUES = 100_000

/**
 * Throws StructureTooDeepError or StructureTooLargeError (400) when `value`, called `name` in the message, passes
 * the bounds. Walks without recursion, stopping at the first level or value past the bound.
 */
export function checkStructureBounds (name: string, value: unknown): void {
  if (typeof value !== 'object' || value === null) return
  let values = 0
  const pending: Array<[unknown, number]> = [[value, 1]]
  while (pending.length > 0) {
    const [node, depth] = pending.pop() as [unknown, number]
    if (depth > MAX_STRUCTURE_DEPTH) throw new StructureTooDeepError(name, MAX_STRUCTURE_DEPTH)
    const children = Array.isArray(node) ? node : Object.values(node as Record<string, unknown>)
    values += children.length
    if (values > MAX_STRUCTURE_VALUES) throw new StructureTooLargeError(name, MAX_STRUCTURE_VALUES)
    for (const child of children) if (typeof child === 'object' && child !== null) pending.push([child, depth + 1])
  }
}

/** Checks every client-supplied structure of a normalised request: `format`, tools' `parameters`, tool calls' `arguments`. */
export function checkRequestStructures (chat: NormalisedChatRequest): void {
  checkStructureBounds('format', chat.format)
  for (const tool of chat.tools ?? []) checkStructureBounds(`the parameters of tool "${tool.name}"`, tool.parameters)
  for (const message of chat.messages) {
    for (const call of message.toolCalls ?? []) checkStructureBounds(`the arguments of the call to "${call.name}"`, call.arguments)
  }
}
