/**
 * Argument shapes more than one namespace takes. Limits follow Appwrite's own (appwrite-behaviour §3.2) so
 * that a bad value fails here with a clear message instead of at the server.
 */
import { z } from 'zod'
import { APPWRITE_ID_PATTERN, PHONE_PATTERN, PHONE_PROBLEM } from '../../../src-shared/appwrite-rules'

export const profileId = z.string().min(1).max(64)
export const profileOnly = z.strictObject({ profileId })
export const flowId = z.string().min(1).max(64)
export const email = z.string().trim().min(1, 'Enter an e-mail address.').max(320)
export const password = z.string().min(1, 'Enter a password.').max(256)
export const name = z.string().max(128)
export const noArgs = z.undefined()
/** E.164 as Appwrite checks it (PHONE_PATTERN). */
export const phone = z.string().trim().regex(PHONE_PATTERN, PHONE_PROBLEM)
/** Appwrite `UID`: up to 36 of `[A-Za-z0-9._-]`, not starting with a symbol. */
export const appwriteId = z.string().regex(APPWRITE_ID_PATTERN, 'Expected an Appwrite ID.')
