/**
 * The rooms of docs/architecture.md are enforced by ESLint; this proves the rules bite, so a
 * config change cannot silently turn them off.
 */
import { ESLint } from 'eslint'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: resolve(__dirname, '../..') })
// The import rooms need no types; without the TypeScript project these can lint files that do not exist.
const importsOnly = new ESLint({
  cwd: resolve(__dirname, '../..'),
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/switch-exhaustiveness-check': 'off' },
  },
})

async function restrictedImportErrors(filePath: string, code: string): Promise<number> {
  const [result] = await importsOnly.lintText(code, { filePath: resolve(__dirname, '../..', filePath) })
  return result?.messages.filter((m) => m.ruleId === 'no-restricted-imports').length ?? -1
}

describe('architecture rules', () => {
  it.each([
    ['src-renderer/views/X.ts', "import { ipcRenderer } from 'electron'"],
    ['src-renderer/views/X.ts', "import keytar from 'keytar'"],
    ['src-renderer/views/X.ts', "import axios from 'axios'"],
    ['src-renderer/views/X.ts', "import { readFile } from 'node:fs'"],
    ['src-renderer/views/X.ts', "import { createCore } from '../../src-main/core'"],
    ['src-main/core/X.ts', "import { app } from 'electron'"],
    ['src-server/X.ts', "import { createCore } from '../src-main/core'"],
    ['src-server/X.ts', "import { app } from 'electron'"],
    ['src-shared/X.ts', "import { z } from 'zod'"],
    ['test/unit/core/X.ts', "import { app } from 'electron'"],
    ['src-main/core/X.ts', "import { lockDownWebContents } from '../shell/security'"],
    ['src-main/core/auth/X.ts', "import { buildApi } from '../../preload/build-api'"],
    ['src-main/preload/X.ts', "import { createCore } from '../core'"],
    ['src-main/preload/X.ts', "import { readFile } from 'node:fs'"],
    ['src-main/preload/X.ts', "import axios from 'axios'"],
  ])('%s may not %s', async (file, code) => {
    expect(await restrictedImportErrors(file, `${code}\nexport const used = 1\n`)).toBeGreaterThan(0)
  })

  it.each([
    ['src-main/shell/X.ts', "import { app } from 'electron'"],
    ['src-main/preload/X.ts', "import { contextBridge } from 'electron'"],
    ['src-main/core/X.ts', "import type { App } from 'electron'"],
    ['src-renderer/views/X.ts', "import type { Api } from '../../src-shared/ipc'"],
    ['src-shared/X.ts', "import type { User } from './appwrite'"],
    ['src-main/preload/X.ts', "import { eventChannel } from '../../src-shared/ipc'"],
    ['src-main/preload/X.ts', "import { buildApi } from './build-api'"],
    ['src-main/shell/X.ts', "import { createCore } from '../core'"],
  ])('%s may %s', async (file, code) => {
    expect(await restrictedImportErrors(file, `${code}\nexport const used = 1\n`)).toBe(0)
  })

  // Type-aware rules need a file the TypeScript project knows, so these lint new text under the
  // name of a real file (the file on disk is not read or changed).
  async function ruleErrors(filePath: string, code: string, ruleId: string): Promise<number> {
    const [result] = await eslint.lintText(code, { filePath: resolve(__dirname, '../..', filePath) })
    return result?.messages.filter((m) => m.ruleId === ruleId).length ?? -1
  }

  it.each([['src-main/core/user-agent.ts'], ['src-renderer/components/TopBar.vue']])(
    '%s may not leave a promise floating',
    async (file) => {
      const body = 'async function later(): Promise<number> { return 1 }\nexport function now(): void { later() }\n'
      const code = file.endsWith('.vue') ? `<script setup lang="ts">\n${body}now()\n</script>\n<template><p>x</p></template>\n` : body
      expect(await ruleErrors(file, code, '@typescript-eslint/no-floating-promises')).toBeGreaterThan(0)
      expect(await ruleErrors(file, code.replace('{ later() }', '{ void later() }'), '@typescript-eslint/no-floating-promises')).toBe(0)
    },
    180_000,
  )

  it('a switch over a union must handle every member', async () => {
    const code = "type Kind = 'a' | 'b'\nexport function name(kind: Kind): string {\n  switch (kind) {\n    case 'a':\n      return 'A'\n  }\n  return ''\n}\n"
    expect(await ruleErrors('src-main/core/user-agent.ts', code, '@typescript-eslint/switch-exhaustiveness-check')).toBeGreaterThan(0)
    const complete = code.replace("      return 'A'\n", "      return 'A'\n    case 'b':\n      return 'B'\n")
    expect(await ruleErrors('src-main/core/user-agent.ts', complete, '@typescript-eslint/switch-exhaustiveness-check')).toBe(0)
  }, 180_000)
})
