/**
 * A newcomer can follow every reference without leaving the repository: each `§` a comment, test or
 * lint message cites names a section (or a numbered item of one) of a document under docs/, and each
 * docs/ file named exists. Standards (RFC 6749 §5.2 and the like) are cited by their own name.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(__dirname, '..', '..')

/** The documents a `§` may point into, by the words that name them on the citing line. */
const DOCUMENTS: ReadonlyArray<{ readonly names: RegExp; readonly file: string }> = [
  { names: /reliability(\.md)?\s*$/, file: 'docs/reliability.md' },
  { names: /electron-practice(\.md)?\s*$/, file: 'docs/electron-practice.md' },
  { names: /architecture(\.md)?\s*$/, file: 'docs/architecture.md' },
]
/** A bare `§` (or one after "appwrite-behaviour") is in the Appwrite behaviour document. */
const DEFAULT_DOCUMENT = 'docs/appwrite-behaviour.md'

function trackedSources(): string[] {
  const out = execFileSync(
    'git',
    ['ls-files', 'src-main', 'src-renderer', 'src-server', 'src-shared', 'test', 'scripts', 'bench', 'build', 'eslint.config.mjs', 'electron.vite.config.ts'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  )
  return out.split('\n').filter((f) => /\.(ts|mts|mjs|js|vue)$/.test(f))
}

/** Section numbers a document offers: `## 3.`, `### 3.2`, and `N.` items of a numbered section ("11.8"). */
export function sectionsOf(markdown: string): Set<string> {
  const sections = new Set<string>()
  let current: string | null = null
  for (const line of markdown.split('\n')) {
    const heading = /^#{2,4} (\d+(?:\.\d+)*)[.\s]/.exec(line)
    if (heading) {
      current = heading[1] as string
      sections.add(current)
      continue
    }
    const item = /^(\d+)\. /.exec(line)
    if (item && current !== null && !current.includes('.')) sections.add(`${current}.${item[1]}`)
  }
  return sections
}

interface Citation {
  readonly file: string
  readonly line: number
  readonly document: string
  readonly section: string
}

export function citationsIn(file: string, text: string): Citation[] {
  const found: Citation[] = []
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(/§\s?(\d+(?:\.\d+)*)/g)) {
      const before = line.slice(0, match.index)
      const previous = before.split('§').at(-1) ?? ''
      const context = /(?:and|or|,|see)\s*$/.test(previous) ? before : previous
      if (/RFC \d+[^§]*$/.test(context) && !/appwrite-behaviour[^§]*$/.test(context)) continue
      const document = DOCUMENTS.find((d) => d.names.test(context.replace(/[^\w.-]+$/, '')))?.file ?? DEFAULT_DOCUMENT
      found.push({ file, line: index + 1, document, section: (match[1] as string).replace(/\.$/, '') })
    }
  })
  return found
}

describe('references inside the repository', () => {
  const files = trackedSources()

  it('every § cited names a section of a document in docs/', () => {
    const sections = new Map<string, Set<string>>()
    const unresolved: string[] = []
    let count = 0
    for (const file of files) {
      for (const citation of citationsIn(file, readFileSync(join(ROOT, file), 'utf8'))) {
        count++
        if (!sections.has(citation.document)) sections.set(citation.document, sectionsOf(readFileSync(join(ROOT, citation.document), 'utf8')))
        if (!sections.get(citation.document)?.has(citation.section))
          unresolved.push(`${citation.file}:${citation.line} §${citation.section} (${citation.document})`)
      }
    }
    expect(count).toBeGreaterThan(200)
    expect(unresolved).toEqual([])
  })

  it('every docs/ file named exists, and nothing points outside the repository', () => {
    const missing: string[] = []
    const outside: string[] = []
    for (const file of files) {
      const text = readFileSync(join(ROOT, file), 'utf8')
      for (const match of text.matchAll(/\bdocs\/[\w./-]+\.md\b/g)) if (!existsSync(join(ROOT, match[0]))) missing.push(`${file}: ${match[0]}`)
      if (/\.\.\/shared\/|\bcontract §/i.test(text)) outside.push(file)
    }
    expect(missing).toEqual([])
    expect(outside).toEqual([])
  })

  it('reads sections and citations as written', () => {
    const doc = '## 3. Routes\n### 3.2 The routes\n## 11. Traps\n1. one\n8. eight\n'
    expect([...sectionsOf(doc)].sort()).toEqual(['11', '11.1', '11.8', '3', '3.2'])
    const cites = citationsIn('x.ts', '// appwrite-behaviour §3.2 and §11.8; RFC 8252 §8.3; reliability.md §4')
    expect(cites.map((c) => `${c.document}#${c.section}`)).toEqual([
      'docs/appwrite-behaviour.md#3.2',
      'docs/appwrite-behaviour.md#11.8',
      'docs/reliability.md#4',
    ])
  })
})
