/** Reading a provider's model list that comes in pages, each naming where the next one starts. */
import type { ListedModel, ListGet } from '../../src/core/listed-model.js'

/** One page read: its models, and the cursor of the next page (absent on the last). */
export interface ModelPage {
  readonly models: ListedModel[]
  readonly next?: string
}

/** A list that never ends (a broken proxy repeating a page) stops after this many pages. */
const MAX_PAGES = 50

/**
 * Every page of a paged list: `pathFor(cursor)` is the path of the page after `cursor` (undefined: the first),
 * `readPage` turns its body into models and the next cursor. Throws what `get` or `readPage` throws.
 */
export async function readAllPages (get: ListGet, pathFor: (cursor: string | undefined) => string, readPage: (body: unknown) => ModelPage): Promise<ListedModel[]> {
  const models: ListedModel[] = []
  let cursor: string | undefined
  for (let page = 0; page < MAX_PAGES; page++) {
    const read = readPage(await get(pathFor(cursor)))
    models.push(...read.models)
    if (read.next === undefined) break
    cursor = read.next
  }
  return models
}
