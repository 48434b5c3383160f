/**
 * Phone verification (flow kind `verify-phone`): Appwrite texts a 6-digit code
 * (`POST /account/verifications/phone`), the person types it, and
 * `PUT /account/verifications/phone` with the user id and the code marks the phone verified
 * (contract §3.2; the code lives 1 hour, §5).
 *
 * The renderer only ever names the flow by `flowId`; the user id the confirmation needs stays here.
 * A wrong code leaves the flow waiting so the person can try again (Appwrite's own limit of 10
 * confirmations per hour applies); an expired flow is reported as such and forgotten.
 */
import { randomUUID } from 'node:crypto'
import type { User } from '../../../src-shared/appwrite'
import type { FlowDTO } from '../../../src-shared/ipc'
import type { AuthService } from '../auth/auth-service'
import { CoreError } from '../auth/errors'
import type { Host } from '../host'

interface PhoneFlow {
  readonly flowId: string
  readonly profileId: string
  readonly userId: string
  readonly destination: string
  readonly expiresAt: string
}

/** Stop remembering flows nobody finished after this long past their expiry. */
const FORGET_AFTER_MS = 60 * 60 * 1000

export class PhoneVerificationFlows {
  readonly #flows = new Map<string, PhoneFlow>()

  constructor(
    private readonly host: Host,
    private readonly auth: Pick<AuthService, 'withSession'>,
  ) {}

  /** Sends the code to the account's phone and starts a flow for it. */
  async start(profileId: string): Promise<FlowDTO> {
    this.#sweep()
    const { account, expire } = await this.auth.withSession(profileId, async (client) => {
      const current = await client.get()
      const token = await client.createPhoneVerification()
      return { account: current, expire: token.expire }
    })
    // A new code replaces any earlier one of this profile; Appwrite accepts every unexpired code,
    // but the screen offers only the latest.
    for (const [id, flow] of this.#flows) if (flow.profileId === profileId) this.#flows.delete(id)
    const flow: PhoneFlow = { flowId: randomUUID(), profileId, userId: account.$id, destination: account.phone, expiresAt: expire }
    this.#flows.set(flow.flowId, flow)
    return this.#dto(flow, 'pending')
  }

  /** Confirms the flow with the typed code; answers the account with `phoneVerification: true`. */
  async confirm(flowId: string, code: string): Promise<User> {
    const flow = this.#flows.get(flowId)
    if (!flow) throw new CoreError('flow_not_found')
    if (Date.parse(flow.expiresAt) <= this.host.now()) {
      this.#flows.delete(flowId)
      this.host.emit('flowUpdated', this.#dto(flow, 'expired', 'The code has expired. Send a new one.'))
      throw new CoreError('flow_expired')
    }
    const account = await this.auth.withSession(flow.profileId, async (client) => {
      await client.updatePhoneVerification({ userId: flow.userId, secret: code })
      return client.get()
    })
    this.#flows.delete(flowId)
    this.host.emit('flowUpdated', this.#dto(flow, 'completed'))
    return account
  }

  /** The flow as the renderer may see it, or null when it is not (or no longer) waiting here. */
  get(flowId: string): FlowDTO | null {
    const flow = this.#flows.get(flowId)
    return flow ? this.#dto(flow, 'pending') : null
  }

  #dto(flow: PhoneFlow, status: FlowDTO['status'], message?: string): FlowDTO {
    return {
      flowId: flow.flowId,
      profileId: flow.profileId,
      kind: 'verify-phone',
      status,
      expiresAt: flow.expiresAt,
      destination: flow.destination,
      ...(message !== undefined ? { message } : {}),
    }
  }

  #sweep(): void {
    const now = this.host.now()
    for (const [id, flow] of this.#flows) if (Date.parse(flow.expiresAt) + FORGET_AFTER_MS < now) this.#flows.delete(id)
  }
}
