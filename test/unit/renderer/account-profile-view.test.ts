// @vitest-environment happy-dom
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { Router } from 'vue-router'
import { useToasts } from '../../../src-renderer/composables/toasts'
import { eventually, type FakeApi, installSignedIn } from './fake-api'
import { FAKE_CODE, FAKE_PHRASE, PASSWORD, SERVER_2_3 } from './fake-records'
import { buttonCalled, fieldLabelled } from './dom-queries'
import { openAt, settle } from './mount-app'

let fake: FakeApi
let wrapper: VueWrapper | null = null
let appRouter: Router | null = null

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  useToasts().clear()
})

async function open(options: Parameters<typeof installSignedIn>[0] = {}): Promise<VueWrapper> {
  fake = installSignedIn(options)
  const opened = await openAt('/profile')
  wrapper = opened.wrapper
  appRouter = opened.router
  return wrapper
}

/** A button by its accessible name: its aria-label, else its text. */

function toasts(): string[] {
  return useToasts().toasts.value.map((t) => t.message)
}

describe('Profile: name', () => {
  it('changes the name in place, says so, and gives focus back to "Change name"', async () => {
    const w = await open()
    await buttonCalled(w, 'Change name').trigger('click')
    await settle()
    const field = fieldLabelled(w, 'Name')
    expect(document.activeElement).toBe(field.element)
    await field.setValue('  Ada King ')
    await w.find('form[aria-label="Change name"]').trigger('submit')
    await eventually(() => expect(w.find('[data-testid="account-name"]').text()).toBe('Ada King'))
    expect(fake.callsOf('account.updateName')).toEqual([{ profileId: 'local', name: 'Ada King' }])
    expect(toasts()).toContain('Your name is saved.')
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Change name')
    // The header shows the new name too (one account for the whole window).
    expect(w.find('h1').text()).toBe('Ada King')
  })

  it('counts the name as Appwrite does: 128 emoji save whole, 129 characters are refused with a sentence', async () => {
    const w = await open()
    await buttonCalled(w, 'Change name').trigger('click')
    await settle()
    const field = fieldLabelled(w, 'Name')
    // 128 emoji are 256 UTF-16 units: a maxlength of 128 would have cut them to 64.
    const emoji = '😀'.repeat(128)
    await field.setValue(emoji)
    expect(field.attributes('maxlength')).toBeUndefined()
    expect(w.text()).not.toContain('too many')
    await w.find('form[aria-label="Change name"]').trigger('submit')
    await eventually(() => expect(w.find('[data-testid="account-name"]').text()).toBe(emoji))
    expect(fake.callsOf('account.updateName')).toEqual([{ profileId: 'local', name: emoji }])

    await buttonCalled(w, 'Change name').trigger('click')
    await settle()
    await fieldLabelled(w, 'Name').setValue('😀'.repeat(128) + 'a')
    expect(w.find('.text-field__error').text()).toBe('1 character too many: at most 128 are allowed.')
    expect(fieldLabelled(w, 'Name').attributes('aria-invalid')).toBe('true')
    await w.find('form[aria-label="Change name"]').trigger('submit')
    await settle()
    expect(fake.callsOf('account.updateName')).toHaveLength(1)
    expect(w.find('form[aria-label="Change name"]').exists()).toBe(true)
  })

  it('shows whole initials for emoji and combining-mark names', async () => {
    const emojiName = await open({ account: { name: '👩‍👩‍👧 👍🏽' } })
    expect(emojiName.find('[data-testid="profile-initials"]').text()).toBe('👩‍👩‍👧👍🏽')
    emojiName.unmount()
    const accented = await open({ account: { name: 'e\u0301lodie o\u0308zil' } })
    expect(accented.find('[data-testid="profile-initials"]').text()).toBe('ÉÖ')
  })

  it('closes with Escape without saving', async () => {
    const w = await open()
    await buttonCalled(w, 'Change name').trigger('click')
    await settle()
    await fieldLabelled(w, 'Name').setValue('Someone else')
    await w.find('form[aria-label="Change name"]').trigger('keydown', { key: 'Escape' })
    await settle()
    expect(w.find('form[aria-label="Change name"]').exists()).toBe(false)
    expect(fake.callsOf('account.updateName')).toEqual([])
  })
})

describe('Profile: e-mail', () => {
  it('asks for the password, and shows a wrong one as a sentence about the password', async () => {
    const w = await open()
    await buttonCalled(w, 'Change e-mail').trigger('click')
    await settle()
    await fieldLabelled(w, 'New e-mail').setValue('ada@new.example')
    await fieldLabelled(w, 'Your password').setValue('not it')
    await w.find('form[aria-label="Change e-mail"]').trigger('submit')
    await eventually(() => expect(w.find('[role="alert"]').text()).toBe('That password is not right. Enter the password you sign in with.'))

    await fieldLabelled(w, 'Your password').setValue(PASSWORD)
    await w.find('form[aria-label="Change e-mail"]').trigger('submit')
    await eventually(() => expect(w.find('[data-testid="account-email"]').text()).toBe('ada@new.example'))
    expect(w.find('[data-testid="email-verification"]').text()).toBe('Not verified')
    expect(fake.callsOf('account.updateEmail').at(-1)).toEqual({ profileId: 'local', email: 'ada@new.example', password: PASSWORD })
  })

  it('checks the address before sending anything', async () => {
    const w = await open()
    await buttonCalled(w, 'Change e-mail').trigger('click')
    await settle()
    await fieldLabelled(w, 'New e-mail').setValue('not an address')
    await fieldLabelled(w, 'Your password').setValue(PASSWORD)
    await w.find('form[aria-label="Change e-mail"]').trigger('submit')
    await settle()
    expect(w.text()).toContain('Enter an e-mail address such as name@example.com.')
    expect(fake.callsOf('account.updateEmail')).toEqual([])
  })

  it('keeps a guest account: e-mail and a new password with the rule as you type', async () => {
    const w = await open({ account: { email: '', phone: '', passwordUpdate: '', name: '' } })
    expect(w.text()).toContain('This is a guest account')
    await buttonCalled(w, 'Keep my account').trigger('click')
    await settle()
    await fieldLabelled(w, 'E-mail').setValue('guest@example.com')
    const choose = fieldLabelled(w, 'Choose a password')
    await choose.setValue('short')
    expect(w.find('[data-testid="password-rule"]').text()).toContain('Use at least 8 characters.')
    await w.find('form[aria-label="Add e-mail"]').trigger('submit')
    await settle()
    expect(fake.callsOf('account.updateEmail')).toEqual([])

    await choose.setValue('a long enough passphrase')
    expect(w.find('[data-testid="password-rule"]').text()).toContain('Length is fine')
    await w.find('form[aria-label="Add e-mail"]').trigger('submit')
    await eventually(() => expect(w.find('[data-testid="account-email"]').text()).toBe('guest@example.com'))
    expect(fake.callsOf('account.updateEmail')).toEqual([{ profileId: 'local', email: 'guest@example.com', password: 'a long enough passphrase' }])
    expect(toasts()).toContain('Your account is kept: sign in with this e-mail and password from now on.')
    expect(w.text()).not.toContain('This is a guest account')
  })

  it('sends the verification link and turns "Verified" when the link comes back', async () => {
    const w = await open()
    await buttonCalled(w, 'Verify e-mail').trigger('click')
    await eventually(() => expect(w.find('[data-testid="email-verification-pending"]').exists()).toBe(true))
    expect(w.find('[data-testid="email-verification-pending"]').text()).toContain('We sent a link to ada@example.com')
    expect(fake.calls.filter((c) => c.method === 'account.sendEmailVerification')).toEqual([
      { method: 'account.sendEmailVerification', args: { profileId: 'local' } },
    ])

    // The link comes back: main confirms it, reports the flow, and the account is verified.
    expect(fake.flow('flow-1')?.kind).toBe('verify-email')
    fake.account = { ...fake.account, emailVerification: true }
    fake.deliverLink('flow-1')
    await eventually(() => expect(w.find('[data-testid="email-verification"]').text()).toBe('Verified'))
    expect(toasts()).toContain('Your e-mail address is verified.')
  })
})

describe('Profile: e-mail verification by code (a server that offers it)', () => {
  it('asks about a security phrase, mails a code, shows the phrase, says a wrong code plainly, and a right one verifies', async () => {
    const w = await open({ server: SERVER_2_3 })
    await buttonCalled(w, 'Verify e-mail').trigger('click')
    await eventually(() => expect(w.find('form[aria-label="Send a verification code"]').exists()).toBe(true))
    expect(fake.callsOf('account.sendEmailVerificationCode')).toEqual([])
    await fieldLabelled(w, 'Add a security phrase').setValue(true)
    await w.find('form[aria-label="Send a verification code"]').trigger('submit')

    await eventually(() => expect(w.find('form[aria-label="Verify e-mail"]').exists()).toBe(true))
    expect(fake.callsOf('account.sendEmailVerificationCode')).toEqual([{ profileId: 'local', phrase: true }])
    expect(fake.callsOf('account.sendEmailVerification')).toEqual([])
    expect(w.find('[data-testid="email-verification-pending"]').text()).toContain('We e-mailed a 6-digit code to ada@example.com')
    expect(w.find('[data-testid="security-phrase"]').text()).toContain(FAKE_PHRASE)

    await fieldLabelled(w, 'Code from the e-mail').setValue('000000')
    await eventually(() => expect(w.text()).toContain('That code is not right, or it has expired.'))
    expect(w.find('[data-testid="email-verification"]').text()).toBe('Not verified')

    await fieldLabelled(w, 'Code from the e-mail').setValue(FAKE_CODE)
    await eventually(() => expect(w.find('[data-testid="email-verification"]').text()).toBe('Verified'))
    expect(fake.callsOf('account.confirmEmailVerification')).toEqual([
      { flowId: 'flow-1', code: '000000' },
      { flowId: 'flow-1', code: FAKE_CODE },
    ])
    expect(toasts()).toContain('Your e-mail address is verified.')
    expect(w.find('form[aria-label="Verify e-mail"]').exists()).toBe(false)
  })

  it('picks the waiting code up again when the screen is opened anew (after a look at the Dev Mailbox)', async () => {
    const w = await open({ server: SERVER_2_3 })
    await buttonCalled(w, 'Verify e-mail').trigger('click')
    await eventually(() => expect(w.find('form[aria-label="Send a verification code"]').exists()).toBe(true))
    await w.find('form[aria-label="Send a verification code"]').trigger('submit')
    await eventually(() => expect(w.find('form[aria-label="Verify e-mail"]').exists()).toBe(true))
    await appRouter!.push('/dev-mailbox')
    await eventually(() => expect(w.find('form[aria-label="Verify e-mail"]').exists()).toBe(false))
    await appRouter!.push('/profile')
    await eventually(() => expect(w.find('form[aria-label="Verify e-mail"]').exists()).toBe(true))
    await fieldLabelled(w, 'Code from the e-mail').setValue(FAKE_CODE)
    await eventually(() => expect(w.find('[data-testid="email-verification"]').text()).toBe('Verified'))
    expect(fake.callsOf('account.confirmEmailVerification')).toEqual([{ flowId: 'flow-1', code: FAKE_CODE }])
  })

  it('"Send a new code" replaces the flow (the old one is cancelled) and keeps the phrase choice', async () => {
    const w = await open({ server: SERVER_2_3 })
    await buttonCalled(w, 'Verify e-mail').trigger('click')
    await eventually(() => expect(w.find('form[aria-label="Send a verification code"]').exists()).toBe(true))
    await w.find('form[aria-label="Send a verification code"]').trigger('submit')
    await eventually(() => expect(w.find('form[aria-label="Verify e-mail"]').exists()).toBe(true))
    await buttonCalled(w, 'Send a new code').trigger('click')
    await eventually(() => expect(fake.callsOf('account.sendEmailVerificationCode')).toHaveLength(2))
    expect(fake.callsOf('account.sendEmailVerificationCode')[1]).toEqual({ profileId: 'local', phrase: false })
    await eventually(() => expect(fake.flow('flow-1')?.status).toBe('cancelled'))
    await eventually(() => expect(w.find('form[aria-label="Verify e-mail"]').exists()).toBe(true))
    await fieldLabelled(w, 'Code from the e-mail').setValue(FAKE_CODE)
    await eventually(() => expect(fake.callsOf('account.confirmEmailVerification')).toEqual([{ flowId: 'flow-2', code: FAKE_CODE }]))
    await eventually(() => expect(w.find('[data-testid="email-verification"]').text()).toBe('Verified'))
  })

  it('says plainly when the server refuses to send a code', async () => {
    const w = await open({ server: SERVER_2_3 })
    fake.failNext('account.sendEmailVerificationCode', { type: 'general_smtp_disabled', code: 503, message: 'SMTP disabled' })
    await buttonCalled(w, 'Verify e-mail').trigger('click')
    await eventually(() => expect(w.find('form[aria-label="Send a verification code"]').exists()).toBe(true))
    await w.find('form[aria-label="Send a verification code"]').trigger('submit')
    await eventually(() => expect(w.text()).toContain('This server cannot send e-mail, so this step is not available.'))
    expect(w.find('form[aria-label="Verify e-mail"]').exists()).toBe(false)
  })
})

describe('Profile: phone', () => {
  it('adds a phone with the password, then verifies it with the texted code (a wrong code first)', async () => {
    const w = await open()
    await buttonCalled(w, 'Add phone').trigger('click')
    await settle()
    await fieldLabelled(w, 'Phone number').setValue('+1 (415) 555-0123')
    await fieldLabelled(w, 'Your password').setValue(PASSWORD)
    await w.find('form[aria-label="Add phone"]').trigger('submit')
    await eventually(() => expect(w.find('[data-testid="account-phone"]').text()).toBe('+14155550123'))
    expect(fake.callsOf('account.updatePhone')).toEqual([{ profileId: 'local', phone: '+14155550123', password: PASSWORD }])

    await buttonCalled(w, 'Verify phone').trigger('click')
    await eventually(() => expect(w.find('form[aria-label="Verify phone"]').exists()).toBe(true))
    await fieldLabelled(w, 'Code from the text message').setValue('000000')
    await eventually(() => expect(w.text()).toContain('That code is not right'))
    await fieldLabelled(w, 'Code from the text message').setValue('123456')
    await eventually(() => expect(w.find('[data-testid="phone-verification"]').text()).toBe('Verified'))
    expect(toasts()).toContain('Your phone number is verified.')
  })
})

describe('Profile: password', () => {
  it('asks for the current password, shows the rule as you type, and changes it', async () => {
    const w = await open()
    await buttonCalled(w, 'Change password').trigger('click')
    await settle()
    await fieldLabelled(w, 'New password').setValue('short')
    await w.find('form[aria-label="Change password"]').trigger('submit')
    await settle()
    expect(w.text()).toContain('Enter your current password.')
    expect(fieldLabelled(w, 'New password').attributes('aria-invalid')).toBe('true')
    expect(fake.callsOf('account.updatePassword')).toEqual([])

    await fieldLabelled(w, 'Current password').setValue(PASSWORD)
    await fieldLabelled(w, 'New password').setValue('a much better passphrase')
    await w.find('form[aria-label="Change password"]').trigger('submit')
    await eventually(() => expect(fake.callsOf('account.updatePassword')).toHaveLength(1))
    expect(fake.callsOf('account.updatePassword')[0]).toEqual({ profileId: 'local', password: 'a much better passphrase', oldPassword: PASSWORD })
    await eventually(() => expect(toasts()[0]).toContain('Your password is changed.'))
  })

  it('sets a first password without asking for a current one', async () => {
    const w = await open({ account: { passwordUpdate: '' } })
    await buttonCalled(w, 'Set a password').trigger('click')
    await settle()
    expect(w.findAll('label').map((l) => l.text())).not.toContain('Current password')
    await fieldLabelled(w, 'New password').setValue('a much better passphrase')
    await w.find('form[aria-label="Set a password"]').trigger('submit')
    await eventually(() => expect(fake.callsOf('account.updatePassword')).toEqual([{ profileId: 'local', password: 'a much better passphrase' }]))
  })
})

describe('Profile: facts and blocking', () => {
  it('shows the user id, registration and labels; the id and labels can be copied, the date is only read', async () => {
    const w = await open({ account: { labels: ['beta', 'staff'] } })
    expect(w.find('[data-testid="account-id"]').text()).toBe('user1')
    expect(w.find('[data-testid="account-registered"]').text()).not.toBe('')
    expect(w.findAll('[data-testid="account-label"]').map((l) => l.text())).toEqual(['beta', 'staff'])
    const copyNames = w.findAll('.copy-button').map((b) => b.find('.visually-hidden').text())
    expect(copyNames).toEqual(expect.arrayContaining(['Copy user ID', 'Copy labels']))
    expect(copyNames).not.toContain('Copy registration date')
  })

  it('offers no blocking to a guest (anonymous) account, and offers it once the account has an e-mail', async () => {
    const guest = await open({ account: { name: '', email: '', phone: '', passwordUpdate: '' } })
    expect(guest.text()).toContain('This is a guest account')
    expect(guest.findAll('button').map((b) => b.text().trim())).not.toContain('Block my account…')
    guest.unmount()
    const w = await open()
    expect(w.findAll('button').map((b) => b.text().trim())).toContain('Block my account…')
  })

  it('blocks only after the confirmation word is typed, then goes to sign-in', async () => {
    fake = installSignedIn()
    const opened = await openAt('/profile')
    wrapper = opened.wrapper
    const w = opened.wrapper
    await buttonCalled(w, 'Block my account…').trigger('click')
    await settle()
    const dialog = w.findAll('dialog').find((d) => d.text().includes('Block your account?'))!
    expect(dialog.attributes('open')).toBeDefined()
    const confirm = dialog.findAll<HTMLButtonElement>('button').find((b) => b.text() === 'Block my account')!
    expect(confirm.element.disabled).toBe(true)
    await fieldLabelled(w, 'Type BLOCK to confirm').setValue('block')
    expect(confirm.element.disabled).toBe(true)
    await fieldLabelled(w, 'Type BLOCK to confirm').setValue('BLOCK')
    expect(confirm.element.disabled).toBe(false)
    await dialog.find('form').trigger('submit')
    await eventually(() => expect(opened.router.currentRoute.value.name).toBe('sign-in'))
    expect(fake.callsOf('account.block')).toEqual([{ profileId: 'local' }])
  })
})
