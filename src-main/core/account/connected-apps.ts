/**
 * Connected apps (issue 11 item 5): the OAuth2 consents a user gave to third-party apps and their
 * token families (Appwrite 2.x `/account/consents…`, appwrite-behaviour §13.5), as the window sees
 * them. Appwrite documents that these routes never return token secrets; the DTOs are still built
 * field by field, so nothing the model may carry now or later (a token, a secret) passes on.
 *
 * `authorizationDetails` is JSON text of RFC 9396 entries; it is parsed here into `type` plus
 * readable fields, dropping any field whose name looks secret-like. Text that is not such JSON
 * becomes no details rather than an error: the consent is still worth listing and revoking.
 */
import type { Oauth2Consent, Oauth2ConsentToken } from '../../../src-shared/appwrite'
import type { AuthorizationDetailDTO, ConsentDTO, ConsentTokenDTO } from '../../../src-shared/ipc'
import { Query, type AccountClient } from '../appwrite'

/** Field names never shown, whatever an authorization detail carries. */
const SECRET_LIKE = /secret|token|password|passwd|credential|private|api[_-]?key|^key$|signature|assertion|nonce|code_verifier/i
/** Enough for any readable grant; a server sending more is cut rather than flooding the screen. */
const MAX_DETAILS = 50
const MAX_FIELDS = 20
const MAX_VALUE_LENGTH = 500

function text(value: unknown): string | null {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) {
    const parts = value.map(text).filter((part): part is string => part !== null)
    return parts.join(', ')
  }
  if (typeof value === 'object' && value !== null) return JSON.stringify(value)
  return null
}

function clip(value: string): string {
  return value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH - 1)}…` : value
}

export function readAuthorizationDetails(json: string): AuthorizationDetailDTO[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    return []
  }
  const entries: unknown[] = Array.isArray(parsed) ? parsed : typeof parsed === 'object' && parsed !== null ? [parsed] : []
  const details: AuthorizationDetailDTO[] = []
  for (const entry of entries.slice(0, MAX_DETAILS)) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) continue
    const record = entry as Record<string, unknown>
    const type = typeof record.type === 'string' && record.type !== '' ? clip(record.type) : 'unnamed'
    const fields = Object.entries(record)
      .filter(([name]) => name !== 'type' && !SECRET_LIKE.test(name))
      .map(([name, value]) => ({ name: clip(name), value: text(value) }))
      .filter((field): field is { name: string; value: string } => field.value !== null && field.value !== '')
      .slice(0, MAX_FIELDS)
      .map((field) => ({ name: field.name, value: clip(field.value) }))
    details.push({ type, fields })
  }
  return details
}

const strings = (value: readonly unknown[] | undefined): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []

export function toConsentDTO(consent: Oauth2Consent): ConsentDTO {
  return {
    $id: consent.$id,
    $createdAt: consent.$createdAt,
    $updatedAt: consent.$updatedAt,
    appId: consent.appId ?? '',
    cimdUrl: consent.cimdUrl ?? '',
    scopes: strings(consent.scopes),
    resources: strings(consent.resources),
    authorizationDetails: typeof consent.authorizationDetails === 'string' ? readAuthorizationDetails(consent.authorizationDetails) : [],
    expire: consent.expire ?? '',
  }
}

export function toConsentTokenDTO(token: Oauth2ConsentToken): ConsentTokenDTO {
  return {
    $id: token.$id,
    consentId: token.consentId,
    $createdAt: token.$createdAt,
    $updatedAt: token.$updatedAt,
    scopes: strings(token.scopes),
    resources: strings(token.resources),
    expire: token.expire ?? '',
  }
}

const PAGE = 100
/** A person with more grants than this has a different problem; the list stops there. */
const MAX_ITEMS = 5000

/** Every consent of the account, newest first as the server orders them. */
export async function allConsents(client: AccountClient): Promise<ConsentDTO[]> {
  const out: ConsentDTO[] = []
  for (;;) {
    const page = await client.listConsents({ queries: [Query.limit(PAGE), Query.offset(out.length)] })
    out.push(...page.consents.map(toConsentDTO))
    if (page.consents.length < PAGE || out.length >= page.total || out.length >= MAX_ITEMS) return out
  }
}

export async function allConsentTokens(client: AccountClient, consentId: string): Promise<ConsentTokenDTO[]> {
  const out: ConsentTokenDTO[] = []
  for (;;) {
    const page = await client.listConsentTokens({ consentId, queries: [Query.limit(PAGE), Query.offset(out.length)] })
    out.push(...page.tokens.map(toConsentTokenDTO))
    if (page.tokens.length < PAGE || out.length >= page.total || out.length >= MAX_ITEMS) return out
  }
}
