/**
 * Argument shapes more than one namespace takes. Limits follow Appwrite's own (appwrite-behaviour §3.2) so
 * that a bad value fails here with a clear message instead of at the server.
 */
import { z } from 'zod'

export const profileId = z.string().min(1).max(64)
export const profileOnly = z.strictObject({ profileId })
export const flowId = z.string().min(1).max(64)
export const email = z.string().trim().min(1, 'Enter an e-mail address.').max(320)
export const password = z.string().min(1, 'Enter a password.').max(256)
export const name = z.string().max(128)
export const noArgs = z.undefined()
/** E.164 as Appwrite checks it: `+`, a non-zero digit, then 6 to 14 digits. */
export const phone = z.string().trim().regex(/^\+[1-9]\d{6,14}$/, 'Enter the number in international format, e.g. +14155550123.')
/** Appwrite `UID`: up to 36 of `[A-Za-z0-9._-]`, not starting with a symbol. */
export const appwriteId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,35}$/, 'Expected an Appwrite ID.')
