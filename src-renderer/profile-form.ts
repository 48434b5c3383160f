import type { ProfileInput, RedirectStrategy } from '../src-shared/ipc'
import { appwriteCallbackProblem, endpointSchemeProblem } from '../src-shared/endpoint-rules'
import { APPWRITE_ID_PATTERN } from '../src-shared/appwrite-rules'
import { isValidProviderId, parseProviderList } from './oauth-providers'

/** How each redirect strategy brings a link back, in one line (issue #4 item 4, appwrite-behaviour §7.4). */
export const REDIRECT_STRATEGY_COPY: Readonly<Record<RedirectStrategy, { readonly label: string; readonly description: string }>> = {
  scheme: {
    label: 'App link (account-console://)',
    description: 'Links open this app through its own link type. The project must accept it as a platform.',
  },
  'appwrite-callback': {
    label: 'Appwrite callback (appwrite-callback-<project ID>://)',
    description: 'The link type Appwrite accepts for every project without extra setup; the app registers it for this project.',
  },
  loopback: {
    label: 'Local address (http://127.0.0.1)',
    description: 'The app listens on this computer for the moment it takes; for computers where app links do not open the app.',
  },
}

export interface ProfileDraft {
  label: string
  endpoint: string
  projectId: string
  redirectStrategy: RedirectStrategy
  /** As typed: ids separated by commas or spaces. */
  providers: string
}

export type ProfileDraftProblems = Partial<Record<'label' | 'endpoint' | 'projectId' | 'providers', string>>

/** Appwrite's project ids are UIDs (appwrite-behaviour §3.2): up to 36 of [A-Za-z0-9._-], not starting with a symbol. */

/** What is wrong with the draft, per field; empty when it can be saved. */
export function checkProfileDraft(draft: ProfileDraft): ProfileDraftProblems {
  const problems: ProfileDraftProblems = {}
  if (draft.label.trim() === '') problems.label = 'Give the profile a name.'
  else if (draft.label.trim().length > 64) problems.label = 'Use at most 64 characters.'
  const endpoint = draft.endpoint.trim()
  if (endpoint === '') problems.endpoint = 'Enter the API endpoint of the Appwrite server.'
  else {
    const problem = endpointProblem(endpoint)
    if (problem) problems.endpoint = problem
  }
  const projectId = draft.projectId.trim()
  if (projectId === '') problems.projectId = 'Enter the project ID from the project’s settings.'
  else if (!APPWRITE_ID_PATTERN.test(projectId)) problems.projectId = 'A project ID has up to 36 letters, digits, dots, dashes or underscores.'
  else if (draft.redirectStrategy === 'appwrite-callback') {
    const problem = appwriteCallbackProblem(projectId)
    if (problem) problems.projectId = problem
  }
  const wrong = parseProviderList(draft.providers).filter((id) => !isValidProviderId(id))
  if (wrong.length > 0) problems.providers = `Not a provider ID: ${wrong.join(', ')}. Use Appwrite’s IDs such as github or oidc.`
  return problems
}

/** The same scheme rule main enforces (https://, or http:// on this machine), said while typing. */
function endpointProblem(text: string): string | null {
  const generic = 'Enter a web address starting with https://, such as https://cloud.appwrite.io/v1.'
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return generic
  }
  const problem = endpointSchemeProblem(url)
  if (problem) return problem
  return url.hostname === '' ? generic : null
}

export function toProfileInput(draft: ProfileDraft): ProfileInput {
  return {
    label: draft.label.trim(),
    endpoint: draft.endpoint.trim().replace(/\/+$/, ''),
    projectId: draft.projectId.trim(),
    redirectStrategy: draft.redirectStrategy,
    oauthProviders: parseProviderList(draft.providers),
  }
}
