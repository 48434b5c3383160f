/**
 * `logs.*`, `identities.*`, `mfa.*` (factors, enrolment, recovery codes, on/off) and `targets.*`.
 *
 * Every call runs with the profile's stored session (`withSession`), so a session Appwrite no
 * longer knows signs the profile out everywhere in the app. Appwrite's refusals (for example
 * `user_challenge_required` on removing the authenticator, appwrite-behaviour §6) come back as error values
 * unchanged; the screen decides what to do with them.
 */
import { z } from 'zod'
import type { Identity, Target } from '../../../src-shared/appwrite'
import type { IdentityDTO } from '../../../src-shared/ipc'
import { fetchAllLogs, LIST_QUERY_MAX, readLogPage } from '../activity/log-pages'
import { logsToCsv } from '../activity/logs-csv'
import { recoveryCodesFile } from '../activity/recovery-codes-file'
import { Query, type AccountClient } from '../appwrite'
import type { HandlerTable } from './handlers'
import { profileId, requireProfile } from './handlers'
import type { Services } from './table'

type ActivityKeys =
  | `logs.${'list' | 'exportCsv'}`
  | `identities.${'list' | 'remove'}`
  | `mfa.${'getFactors' | 'createAuthenticator' | 'verifyAuthenticator' | 'removeAuthenticator' | 'createRecoveryCodes' | 'getRecoveryCodes' | 'regenerateRecoveryCodes' | 'saveRecoveryCodes' | 'setEnabled'}`
  | `targets.${'list' | 'createPush' | 'updatePush' | 'removePush'}`

/** Appwrite's `UID`: ≤ 36 of `[A-Za-z0-9._-]`, not starting with `.`, `-` or `_` (appwrite-behaviour §3.2). */
const uid = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,35}$/, 'Expected an Appwrite ID.')
/** Push identifiers are device tokens: Appwrite takes up to 255 characters. */
const pushIdentifier = z.string().trim().min(1, 'Enter the device token.').max(255)
const totpCode = z.string().regex(/^\d{6}$/, 'Enter the 6-digit code.')
/** Recovery codes are 10 hex characters in Appwrite; accept any short code of letters and digits. */
const recoveryCode = z.string().regex(/^[A-Za-z0-9]{1,64}$/)
const profileOnly = z.strictObject({ profileId })

/** The renderer never needs an OAuth provider's tokens (src-shared/ipc.ts). */
export function toIdentityDTO(identity: Identity): IdentityDTO {
  return {
    $id: identity.$id,
    $createdAt: identity.$createdAt,
    $updatedAt: identity.$updatedAt,
    userId: identity.userId,
    provider: identity.provider,
    providerUid: identity.providerUid,
    providerEmail: identity.providerEmail,
    providerAccessTokenExpiry: identity.providerAccessTokenExpiry,
  }
}

const IDENTITY_PAGE = 100

async function allIdentities(client: AccountClient): Promise<IdentityDTO[]> {
  const out: IdentityDTO[] = []
  for (;;) {
    const page = await client.listIdentities({ queries: [Query.limit(IDENTITY_PAGE), Query.offset(out.length)] })
    out.push(...page.identities.map(toIdentityDTO))
    if (page.identities.length < IDENTITY_PAGE || out.length >= page.total) return out
  }
}

/** The account's targets (e-mail, SMS and push) come with the Account model (appwrite-behaviour §4). */
async function allTargets(client: AccountClient): Promise<readonly Target[]> {
  return (await client.get()).targets
}

function isoDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10)
}

export function activityHandlers(s: Services): Pick<HandlerTable, ActivityKeys> {
  const session = <T>(id: string, call: (client: AccountClient) => Promise<T>): Promise<T> => s.auth.withSession(requireProfile(s, id), call)

  return {
    'logs.list': {
      args: z.strictObject({
        profileId,
        limit: z.number().int().min(1).max(LIST_QUERY_MAX).optional(),
        offset: z.number().int().min(0).max(1_000_000_000).optional(),
      }),
      run: (a) =>
        session(a.profileId, async (client) => {
          const page = await readLogPage(client, { offset: a.offset ?? 0, limit: a.limit ?? 25 })
          return page.olderUnreachable ? { total: page.total, logs: page.logs, olderUnreachable: true } : { total: page.total, logs: page.logs }
        }),
    },
    'logs.exportCsv': {
      args: profileOnly,
      run: (a) =>
        session(a.profileId, async (client) => {
          const { logs } = await fetchAllLogs(client)
          const path = await s.host.saveFile({
            title: 'Export activity as CSV',
            defaultName: `activity-${isoDay(s.host.now())}.csv`,
            content: logsToCsv(logs),
            filters: [{ name: 'CSV (comma-separated values)', extensions: ['csv'] }],
          })
          return { path, rows: logs.length }
        }),
    },

    'identities.list': {
      args: profileOnly,
      run: (a) => session(a.profileId, allIdentities),
    },
    'identities.remove': {
      args: z.strictObject({ profileId, identityId: uid }),
      run: (a) =>
        session(a.profileId, async (client) => {
          await client.deleteIdentity({ identityId: a.identityId })
          return allIdentities(client)
        }),
    },

    'mfa.getFactors': {
      args: profileOnly,
      run: (a) => session(a.profileId, (client) => client.listMfaFactors()),
    },
    'mfa.createAuthenticator': {
      args: profileOnly,
      // The secret and otpauth URI go to the screen on purpose: the person needs them to enrol.
      run: (a) => session(a.profileId, (client) => client.createMfaAuthenticator({ type: 'totp' })),
    },
    'mfa.verifyAuthenticator': {
      args: z.strictObject({ profileId, otp: totpCode }),
      run: (a) => session(a.profileId, (client) => client.updateMfaAuthenticator({ type: 'totp', otp: a.otp })),
    },
    'mfa.removeAuthenticator': {
      args: profileOnly,
      run: (a) =>
        session(a.profileId, async (client) => {
          await client.deleteMfaAuthenticator({ type: 'totp' })
          return client.listMfaFactors()
        }),
    },
    'mfa.createRecoveryCodes': {
      args: profileOnly,
      run: (a) => session(a.profileId, (client) => client.createMfaRecoveryCodes()),
    },
    'mfa.getRecoveryCodes': {
      args: profileOnly,
      run: (a) => session(a.profileId, (client) => client.getMfaRecoveryCodes()),
    },
    'mfa.regenerateRecoveryCodes': {
      args: profileOnly,
      run: (a) => session(a.profileId, (client) => client.updateMfaRecoveryCodes()),
    },
    'mfa.saveRecoveryCodes': {
      args: z.strictObject({ profileId, codes: z.array(recoveryCode).min(1).max(32) }),
      run: async (a) => {
        const profile = s.profiles.get(requireProfile(s, a.profileId))
        const path = await s.host.saveFile({
          title: 'Save recovery codes',
          defaultName: `recovery-codes-${profile?.projectId ?? 'appwrite'}.txt`,
          content: recoveryCodesFile({
            codes: a.codes,
            profileLabel: profile?.label ?? '',
            endpoint: profile?.endpoint ?? '',
            projectId: profile?.projectId ?? '',
            savedAt: new Date(s.host.now()),
          }),
          filters: [{ name: 'Text', extensions: ['txt'] }],
        })
        return { path }
      },
    },
    'mfa.setEnabled': {
      args: z.strictObject({ profileId, enabled: z.boolean() }),
      run: (a) => session(a.profileId, (client) => client.updateMFA({ mfa: a.enabled })),
    },

    'targets.list': {
      args: profileOnly,
      run: (a) => session(a.profileId, allTargets),
    },
    'targets.createPush': {
      args: z.strictObject({ profileId, identifier: pushIdentifier, providerId: uid.optional() }),
      run: (a) =>
        session(a.profileId, (client) =>
          client.createPushTarget({ targetId: 'unique()', identifier: a.identifier, ...(a.providerId ? { providerId: a.providerId } : {}) }),
        ),
    },
    'targets.updatePush': {
      args: z.strictObject({ profileId, targetId: uid, identifier: pushIdentifier }),
      run: (a) => session(a.profileId, (client) => client.updatePushTarget({ targetId: a.targetId, identifier: a.identifier })),
    },
    'targets.removePush': {
      args: z.strictObject({ profileId, targetId: uid }),
      run: (a) =>
        session(a.profileId, async (client) => {
          await client.deletePushTarget({ targetId: a.targetId })
          return allTargets(client)
        }),
    },
  }
}
