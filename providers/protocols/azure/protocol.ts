/**
 * Azure OpenAI: the shared OpenAI-compatible protocol with Azure's `api-key` header and URLs.
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/reference (checked 2026-11)
 */
import type { Protocol } from '../../../src/core/protocol.js'
import { openAiCompatibleProtocol } from '../openai-compatible/protocol.js'

/** Where AZURE_BASE_URL points, which decides how a chat request is addressed. */
export type AzureEndpointKind =
  /** `https://RESOURCE.openai.azure.com/openai/v1`: the v1 surface, model in the body, no api-version. */
  | 'v1'
  /** `https://RESOURCE.openai.azure.com/openai/deployments/NAME`: one deployment, whatever the model name. */
  | 'deployment'
  /** `https://RESOURCE.openai.azure.com/openai`: the model name is the deployment name. */
  | 'resource'

/** Which kind of Azure endpoint a base URL is, from its path; throws a TypeError when the URL does not parse. */
export function azureEndpointKind (baseUrl: string): AzureEndpointKind {
  const path = new URL(baseUrl).pathname.replace(/\/+$/, '')
  if (/\/v1$/.test(path)) return 'v1'
  if (/\/deployments\/[^/]+$/.test(path)) return 'deployment'
  return 'resource'
}

/** The OpenAI-compatible protocol addressed as Azure wants: `api-key` header, deployment paths and `api-version` (not on the v1 API). */
export function createAzureProtocol (endpointKind: AzureEndpointKind, apiVersion: string): Protocol {
  const query = `?api-version=${encodeURIComponent(apiVersion)}`
  // Deployments are named by their owner and are not in a model list; only the v1 surface lists what it serves.
  const { listModels, ...shared } = openAiCompatibleProtocol
  return {
    ...shared,
    ...(endpointKind === 'v1' && listModels !== undefined ? { listModels } : {}),
    authHeaders: (apiKey) => ({ 'api-key': apiKey }),
    buildChatRequest: (request, context) => {
      const upstream = openAiCompatibleProtocol.buildChatRequest(request, context)
      switch (endpointKind) {
        case 'v1':
          return upstream
        case 'deployment':
          return { ...upstream, path: `${upstream.path}${query}` }
        case 'resource':
          return { ...upstream, path: `/deployments/${encodeURIComponent(context.card.id)}${upstream.path}${query}` }
      }
    }
  }
}
