/**
 * A pretend main process for the Activity, Identities, MFA and Push-target screens: the shared
 * fake (profiles, auth) plus in-memory logs, identities, factors and targets behind the same
 * `window.api` contract, with handles to fail or hold the next call of a method.
 */
import type { Log, MfaFactors, Target } from '../../../src-shared/appwrite'
import type { Api, ApiError, IdentityDTO, ServerInfoDTO } from '../../../src-shared/ipc'
import { createFakeApi, fail, ok, installApi, makeAccount, type FakeApi, type MethodPath, type RecordedCall } from './fake-api'

export function makeLog(index: number, overrides: Partial<Log> = {}): Log {
  const events = ['session.create', 'user.update', 'session.delete'] as const
  return {
    event: events[index % 3] ?? 'session.create',
    userId: 'user1',
    userEmail: 'ada@example.com',
    userName: 'Ada Lovelace',
    mode: 'default',
    ip: '127.0.0.1',
    // Newest first, one an hour.
    time: new Date(Date.UTC(2025, 2, 14, 12) - index * 3_600_000).toISOString(),
    osCode: 'LIN',
    osName: 'Linux',
    osVersion: '',
    clientType: 'browser',
    clientCode: 'CH',
    clientName: 'Chrome',
    clientVersion: '126.0',
    clientEngine: 'Blink',
    clientEngineVersion: '126.0',
    deviceName: 'desktop',
    deviceBrand: '',
    deviceModel: '',
    countryCode: '--',
    countryName: 'Unknown',
    ...overrides,
  }
}

export function makeTarget(overrides: Partial<Target> = {}): Target {
  return {
    $id: 'target1',
    $createdAt: '2025-03-14T09:26:53.000+00:00',
    $updatedAt: '2025-03-14T09:26:53.000+00:00',
    name: 'Pixel 8',
    userId: 'user1',
    providerId: null,
    providerType: 'push',
    identifier: 'token-1',
    expired: false,
    ...overrides,
  }
}

export interface ActivityFake {
  readonly base: FakeApi
  /** Every call, this fake's and the base's. */
  readonly calls: RecordedCall[]
  logs: Log[]
  /** Offsets from here are past what the "server" pages to (Appwrite's cap, appwrite-behaviour §9). */
  reachableLogs: number
  identities: IdentityDTO[]
  factors: MfaFactors
  targets: Target[]
  /** Appwrite's `mfaProtected`: true until a challenge is completed. */
  challengeRequired: boolean
  failNext(method: MethodPath, error: ApiError): void
  holdNext(method: MethodPath): { release(): void }
}

export const CHALLENGE_REQUIRED: ApiError = {
  type: 'user_challenge_required',
  code: 401,
  message: 'A recently successful challenge is required to complete this action.',
}

/** Installs the fake as `window.api`, signed in on the Local sandbox profile. */
/** `server`: what `server.get` answers (default a 1.9 server with account logs). */
export function installActivityFake(options: { readonly server?: ServerInfoDTO } = {}): ActivityFake {
  const account = makeAccount({ $id: 'user1' })
  const base = createFakeApi({
    accounts: [{ account, password: 'correct horse battery' }],
    signedIn: { local: account.email },
    ...(options.server ? { server: options.server } : {}),
  })
  let nextTarget = 2

  const fake: ActivityFake = {
    base,
    calls: base.calls,
    logs: [],
    reachableLogs: Number.POSITIVE_INFINITY,
    identities: [],
    factors: { totp: false, phone: false, email: false, recoveryCode: false },
    targets: [],
    challengeRequired: true,
    failNext: base.failNext,
    holdNext: base.holdNext,
  }
  const call = base.answer
  const codes = (seed: string): string[] => Array.from({ length: 6 }, (_, i) => `${seed}${i}`.padEnd(10, '0'))

  const api: Api = {
    ...base.api,
    logs: {
      list: (args) =>
        call('logs.list', args, () => {
          const offset = args.offset ?? 0
          if (offset >= fake.reachableLogs) return ok({ total: fake.logs.length, logs: [], olderUnreachable: true })
          const end = Math.min(offset + (args.limit ?? 25), fake.reachableLogs)
          return ok({ total: fake.logs.length, logs: fake.logs.slice(offset, end) })
        }),
      exportCsv: (args) => call('logs.exportCsv', args, () => ok({ path: '/home/ada/activity.csv', rows: fake.logs.length })),
    },
    identities: {
      list: (args) => call('identities.list', args, () => ok([...fake.identities])),
      remove: (args) =>
        call('identities.remove', args, () => {
          if (!fake.identities.some((i) => i.$id === args.identityId))
            return fail({ type: 'user_identity_not_found', code: 404, message: 'Identity not found.' })
          fake.identities = fake.identities.filter((i) => i.$id !== args.identityId)
          return ok([...fake.identities])
        }),
    },
    mfa: {
      ...base.api.mfa,
      getFactors: (args) => call('mfa.getFactors', args, () => ok({ ...fake.factors })),
      createAuthenticator: (args) =>
        call('mfa.createAuthenticator', args, () =>
          ok({
            secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
            uri: 'otpauth://totp/Local%20sandbox:ada%40example.com?issuer=Local%20sandbox&secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
          }),
        ),
      verifyAuthenticator: (args) =>
        call('mfa.verifyAuthenticator', args, () => {
          if (args.otp !== '123456') return fail({ type: 'user_invalid_token', code: 401, message: 'Invalid token passed in the request.' })
          fake.factors = { ...fake.factors, totp: true }
          return ok(account)
        }),
      removeAuthenticator: (args) =>
        call('mfa.removeAuthenticator', args, () => {
          if (fake.challengeRequired) return fail(CHALLENGE_REQUIRED)
          fake.factors = { ...fake.factors, totp: false }
          return ok({ ...fake.factors })
        }),
      createRecoveryCodes: (args) =>
        call('mfa.createRecoveryCodes', args, () => {
          fake.factors = { ...fake.factors, recoveryCode: true }
          return ok({ recoveryCodes: codes('a') })
        }),
      regenerateRecoveryCodes: (args) =>
        call('mfa.regenerateRecoveryCodes', args, () => (fake.challengeRequired ? fail(CHALLENGE_REQUIRED) : ok({ recoveryCodes: codes('b') }))),
      saveRecoveryCodes: (args) => call('mfa.saveRecoveryCodes', args, () => ok({ path: '/home/ada/recovery-codes.txt' })),
      setEnabled: (args) => call('mfa.setEnabled', args, () => ok({ ...account, mfa: args.enabled })),
      createChallenge: (args) => call('mfa.createChallenge', args, () => ok({ $id: `challenge-${args.factor}`, $createdAt: '', userId: 'user1', expire: '' })),
      completeChallenge: (args) =>
        call('mfa.completeChallenge', args, () => {
          if (args.otp !== '123456' && args.otp !== 'a000000000')
            return fail({ type: 'user_invalid_token', code: 401, message: 'Invalid token passed in the request.' })
          fake.challengeRequired = false
          return ok({ profileId: 'local', status: 'signed-in', account })
        }),
    },
    targets: {
      list: (args) => call('targets.list', args, () => ok([...fake.targets])),
      createPush: (args) =>
        call('targets.createPush', args, () => {
          if (fake.targets.some((t) => t.identifier === args.identifier))
            return fail({ type: 'user_target_already_exists', code: 409, message: 'A target with the same ID already exists.' })
          const target = makeTarget({ $id: `target${nextTarget++}`, identifier: args.identifier, providerId: args.providerId ?? null })
          fake.targets = [...fake.targets, target]
          return ok(target)
        }),
      updatePush: (args) =>
        call('targets.updatePush', args, () => {
          const found = fake.targets.find((t) => t.$id === args.targetId)
          if (!found) return fail({ type: 'user_target_not_found', code: 404, message: 'Target not found.' })
          const updated = { ...found, identifier: args.identifier }
          fake.targets = fake.targets.map((t) => (t.$id === args.targetId ? updated : t))
          return ok(updated)
        }),
      removePush: (args) =>
        call('targets.removePush', args, () => {
          fake.targets = fake.targets.filter((t) => t.$id !== args.targetId)
          return ok([...fake.targets])
        }),
    },
  }
  installApi(api)
  return fake
}
