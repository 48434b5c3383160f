/**
 * The rooms of docs/architecture.md are enforced by ESLint; this proves the rules bite, so a
 * config change cannot silently turn them off.
 */
import { ESLint } from 'eslint'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: resolve(__dirname, '../..') })

async function restrictedImportErrors(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: resolve(__dirname, '../..', filePath) })
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
})
