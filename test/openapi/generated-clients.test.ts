/**
 * The document is good enough to generate clients from: the served `/openapi.json` goes through
 * openapi-typescript (+ openapi-fetch) and @hey-api/openapi-ts, the generated code and a usage file
 * compile with `strict` and no cast, and the compiled usage runs against the app on a real listener.
 */
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createClient } from '@hey-api/openapi-ts'
import openapiTS, { astToString } from 'openapi-typescript'
import t from 'tap'
import ts from 'typescript'
import { request } from 'undici'
import { FAKE_MODELS, listenTestApp } from '../helpers/build-app.js'
import { FAKE_USAGE } from '../helpers/fake-upstream.js'
import { FAKE_EMBEDDING_LENGTH } from '../helpers/fake-embeddings.js'
import { HEY_API_USAGE, OPENAPI_FETCH_USAGE } from './client-usage.js'

const CLIENT_KEY = 'client-key-for-generated-clients'

// Generating two clients and one strict compile take 20-30 s alone, longer on a loaded machine.
t.setTimeout(180_000)

/** What both clients must read from the fake upstream's scenarios, through their generated types. */
const EXPECTED: Record<string, unknown> = {
  root: 'Ollama is running',
  version: '0.32.15',
  tagged: true,
  chatToolName: 'get_weather',
  chatToolCity: 'Tokyo',
  chatDoneReason: 'stop',
  generated: 'Hello world!',
  completionText: '',
  completionToolArguments: '{"city":"Tokyo"}',
  completionFinish: 'tool_calls',
  totalTokens: FAKE_USAGE.total_tokens,
  legacyText: 'Hello world!',
  vectorLength: FAKE_EMBEDDING_LENGTH,
  base64Vector: true,
  modelOwner: 'openai',
  messageText: 'Hello world!',
  messageStop: 'end_turn',
  missingStatus: 404,
  missingMessage: "model 'openai/nope' not found",
  anonymousStatus: 401,
  anonymousError: 'unauthorized'
}

/** `tsc --strict` over the usage files and what they import; emits ES modules next to them. */
function compile (directory: string, entries: string[]): string[] {
  const program = ts.createProgram(entries.map((entry) => join(directory, entry)), {
    strict: true,
    noUncheckedIndexedAccess: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: [],
    // Library declarations are their authors' concern; every generated file is a .ts file and is checked.
    skipLibCheck: true,
    outDir: join(directory, 'dist')
  })
  const problems = ts.getPreEmitDiagnostics(program)
  return (problems.length > 0 ? problems : program.emit().diagnostics).map((diagnostic) => {
    const where = diagnostic.file === undefined ? '' : `${diagnostic.file.fileName.slice(directory.length + 1)}: `
    return where + ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
  })
}

interface UsageModule {
  run (baseUrl: string, key: string): Promise<unknown>
}

t.test('clients generated from /openapi.json compile strictly and read the app\'s real answers', async (t) => {
  const { url } = await listenTestApp(t, { API_KEYS: CLIENT_KEY, OPENAI_MODELS: [...FAKE_MODELS, 'fake-embed=embedding'].join(',') })
  const served = await request(`${url}/openapi.json`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } })
  t.equal(served.statusCode, 200)
  const text = await served.body.text()

  const directory = await mkdtemp(join(tmpdir(), 'ollama-adapter-clients-'))
  t.teardown(() => rm(directory, { recursive: true, force: true }))
  // The generated code and the usage resolve openapi-fetch (and the TypeScript libs) from this repository.
  await symlink(fileURLToPath(new URL('../../node_modules', import.meta.url)), join(directory, 'node_modules'), 'dir')
  await writeFile(join(directory, 'package.json'), JSON.stringify({ type: 'module' }))
  await writeFile(join(directory, 'openapi-typescript.ts'), astToString(await openapiTS(text)))
  await createClient({
    input: JSON.parse(text) as Record<string, unknown>,
    output: { path: join(directory, 'hey-api') },
    plugins: ['@hey-api/client-fetch'],
    logs: { level: 'silent' }
  })
  await writeFile(join(directory, 'openapi-fetch-usage.ts'), OPENAPI_FETCH_USAGE)
  await writeFile(join(directory, 'hey-api-usage.ts'), HEY_API_USAGE)

  const problems = compile(directory, ['openapi-fetch-usage.ts', 'hey-api-usage.ts'])
  t.same(problems, [], 'the generated clients and their usage compile without errors')
  if (problems.length > 0) return

  for (const usage of ['openapi-fetch-usage', 'hey-api-usage']) {
    const module: UsageModule = await import(pathToFileURL(join(directory, 'dist', `${usage}.js`)).href)
    t.same(await module.run(url, CLIENT_KEY), EXPECTED, usage)
  }
})
