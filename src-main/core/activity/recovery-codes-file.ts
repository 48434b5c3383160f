/**
 * The text file a person keeps their MFA recovery codes in. It says what the codes are for and
 * how they behave (each works once, appwrite-behaviour §6), so the file makes sense when found years later.
 * It holds the codes and where they apply — never a session or anything else secret.
 */
export interface RecoveryCodesFileInput {
  readonly codes: readonly string[]
  readonly profileLabel: string
  readonly endpoint: string
  readonly projectId: string
  readonly savedAt: Date
}

export function recoveryCodesFile(input: RecoveryCodesFileInput): string {
  const lines = [
    'Appwrite recovery codes',
    '',
    `Profile:  ${input.profileLabel}`,
    `Server:   ${input.endpoint}`,
    `Project:  ${input.projectId}`,
    `Saved:    ${input.savedAt.toISOString()}`,
    '',
    'Use one of these codes as your second step when you cannot use your authenticator app.',
    'Each code works once. Generating new codes makes all of these stop working.',
    'Keep this file somewhere only you can reach.',
    '',
    ...input.codes,
    '',
  ]
  return lines.join('\n')
}
