/**
 * Security phrases (appwrite-behaviour §5): "<Adjective> <noun>", e.g. `Brave zebra`, returned in
 * `Token.phrase` and printed in the e-mail so the user can check both match. Word lists are our
 * own short ones.
 */
import { randomInt } from 'node:crypto'

const ADJECTIVES = [
  'Brave', 'Calm', 'Clever', 'Cosy', 'Curious', 'Daring', 'Eager', 'Fancy', 'Fearless', 'Gentle', 'Glad',
  'Happy', 'Honest', 'Humble', 'Jolly', 'Kind', 'Lively', 'Lucky', 'Mighty', 'Modest', 'Nimble', 'Noble',
  'Patient', 'Polite', 'Proud', 'Quick', 'Quiet', 'Rapid', 'Shiny', 'Silent', 'Smart', 'Steady', 'Sunny',
  'Swift', 'Tidy', 'Witty', 'Wise', 'Zesty',
]

const NOUNS = [
  'badger', 'bear', 'beaver', 'bison', 'camel', 'cheetah', 'crane', 'dolphin', 'eagle', 'falcon', 'ferret',
  'fox', 'gecko', 'giraffe', 'heron', 'hippo', 'jaguar', 'koala', 'lemur', 'lion', 'llama', 'lynx', 'moose',
  'otter', 'owl', 'panda', 'parrot', 'penguin', 'puffin', 'rabbit', 'raven', 'seal', 'swan', 'tiger',
  'turtle', 'walrus', 'whale', 'wolf', 'yak', 'zebra',
]

export function securityPhrase(): string {
  return `${ADJECTIVES[randomInt(ADJECTIVES.length)]} ${NOUNS[randomInt(NOUNS.length)]}`
}
