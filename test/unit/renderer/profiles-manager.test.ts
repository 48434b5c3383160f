// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { checkProfileDraft, toProfileInput } from '../../../src-renderer/profile-form'
import { parseProviderList } from '../../../src-renderer/oauth-providers'
import { buttonNamed, checkboxLabelled, fieldLabelled, linkNamed } from './dom-queries'
import { type FakeApiOptions } from './fake-api'
import { CLOUD_PROFILE, LOCAL_SANDBOX, makeAccount } from './fake-records'
import { mountApp, mountedApp, routeBecomes, settle, unmountAfterEach } from './mount-app'

const ada = makeAccount()
const twoProfiles: FakeApiOptions = {
  profiles: [LOCAL_SANDBOX, CLOUD_PROFILE],
  accounts: [{ account: ada, password: 'correct horse battery' }],
  signedIn: { local: ada.email, cloud: ada.email },
}

unmountAfterEach()
const app = mountedApp

function card(profileId: string) {
  return app().wrapper.find(`[data-profile-id="${profileId}"]`)
}

describe('profile manager', () => {
  it('is reachable from the top bar, signed in or not', async () => {
    await mountApp('/sign-in')
    const manage = app()
      .wrapper.findAll('a')
      .find((link) => link.text() === 'Manage profiles…')
    if (!manage) throw new Error('no "Manage profiles…" link')
    await manage.trigger('click')
    await routeBecomes(app(), 'profiles')

    expect(app().wrapper.find('h1').text()).toBe('Profiles')
  })

  it('lists every profile with its endpoint, project, redirect strategy and providers; the sandbox cannot be removed', async () => {
    await mountApp('/profiles', twoProfiles)

    expect(card('local').text()).toContain('Local sandbox')
    expect(card('local').text()).toContain('Active')
    expect(card('local').text()).toContain('Built in')
    expect(
      card('local')
        .findAll('button')
        .some((button) => button.text().startsWith('Remove')),
    ).toBe(false)
    expect(card('cloud').text()).toContain('https://cloud.appwrite.io/v1')
    expect(card('cloud').text()).toContain('console-demo')
    expect(card('cloud').text()).toContain('Appwrite callback (appwrite-callback-<project ID>://)')
    expect(card('cloud').text()).toContain('GitHub')
    expect(buttonNamed(app().wrapper, 'Remove Appwrite Cloud').exists()).toBe(true)
  })

  it('switches to another profile, which keeps its own sign-in', async () => {
    await mountApp('/profiles', twoProfiles)

    await buttonNamed(app().wrapper, 'Switch to Appwrite Cloud').trigger('click')
    await routeBecomes(app(), 'profile')

    expect(
      app()
        .fake.calls.filter((call) => call.method === 'profiles.select')
        .at(-1)?.args,
    ).toEqual({ profileId: 'cloud' })
    expect(app().wrapper.find('[data-testid="account-email"]').text()).toBe('ada@example.com')
    expect(app().fake.calls.some((call) => call.method === 'auth.signOut')).toBe(false)
  })

  it('adds a profile after checking the fields, with a one-line explanation per redirect strategy', async () => {
    await mountApp('/profiles', twoProfiles)
    await linkNamed(app().wrapper, 'Add profile').trigger('click')
    await routeBecomes(app(), 'profile-new')

    const descriptions = app()
      .wrapper.findAll('.choice-list__description')
      .map((line) => line.text())
    expect(descriptions).toHaveLength(3)
    for (const line of descriptions) expect(line.length).toBeGreaterThan(20)

    await buttonNamed(app().wrapper, 'Add profile').trigger('click')
    await settle()
    expect(app().wrapper.text()).toContain('Give the profile a name.')
    expect(app().fake.calls.some((call) => call.method === 'profiles.add')).toBe(false)

    await fieldLabelled(app().wrapper, 'Name').setValue('Work')
    await fieldLabelled(app().wrapper, 'Endpoint').setValue('ftp://appwrite.example.com')
    await fieldLabelled(app().wrapper, 'Project ID').setValue('work-project')
    await buttonNamed(app().wrapper, 'Add profile').trigger('click')
    await settle()
    expect(app().wrapper.text()).toContain('The endpoint must start with https://')

    // Plain http:// only for a server on this machine: passwords would cross the network in clear.
    await fieldLabelled(app().wrapper, 'Endpoint').setValue('http://appwrite.example.com/v1')
    await settle()
    expect(app().wrapper.text()).toContain('Use https:// for a server on another computer')
    await fieldLabelled(app().wrapper, 'Endpoint').setValue('javascript:alert(1)')
    await settle()
    expect(app().wrapper.text()).toContain('A javascript: address is a script, not a server.')
    expect(app().fake.calls.some((call) => call.method === 'profiles.add')).toBe(false)

    await fieldLabelled(app().wrapper, 'Endpoint').setValue('https://appwrite.example.com/v1/')
    await checkboxLabelled(app().wrapper, 'Local address (http://127.0.0.1)').setValue(true)
    await fieldLabelled(app().wrapper, 'Sign-in providers').setValue('github, oidc github')
    expect(
      app()
        .wrapper.findAll('.chips .chip')
        .map((chip) => chip.text()),
    ).toEqual(['GitHub', 'OpenID Connect'])
    await buttonNamed(app().wrapper, 'Add profile').trigger('click')
    await routeBecomes(app(), 'profiles')

    expect(app().fake.calls.find((call) => call.method === 'profiles.add')?.args).toEqual({
      label: 'Work',
      endpoint: 'https://appwrite.example.com/v1',
      projectId: 'work-project',
      redirectStrategy: 'loopback',
      oauthProviders: ['github', 'oidc'],
    })
    expect(app().wrapper.text()).toContain('Work was added.')
    expect(card('profile-1').text()).toContain('Work')
  })

  it('edits a profile; the sandbox keeps its own endpoint and project', async () => {
    await mountApp('/profiles', twoProfiles)
    await linkNamed(app().wrapper, 'Edit Local sandbox').trigger('click')
    await routeBecomes(app(), 'profile-edit')

    expect(fieldLabelled(app().wrapper, 'Endpoint').element.disabled).toBe(true)
    expect(fieldLabelled(app().wrapper, 'Project ID').element.disabled).toBe(true)
    await fieldLabelled(app().wrapper, 'Sign-in providers').setValue('oidc')
    await buttonNamed(app().wrapper, 'Save profile').trigger('click')
    await routeBecomes(app(), 'profiles')

    expect(app().fake.calls.find((call) => call.method === 'profiles.update')?.args).toEqual({
      profileId: 'local',
      label: 'Local sandbox',
      endpoint: LOCAL_SANDBOX.endpoint,
      projectId: 'local',
      redirectStrategy: 'scheme',
      oauthProviders: ['oidc'],
    })
  })

  it('asks before removing, then removes and shows the new active profile’s state', async () => {
    await mountApp('/profiles', { ...twoProfiles, activeProfileId: 'cloud' })

    await buttonNamed(app().wrapper, 'Remove Appwrite Cloud').trigger('click')
    await settle()
    const dialog = app()
      .wrapper.findAll<HTMLDialogElement>('dialog')
      .find((candidate) => candidate.text().includes('Remove Appwrite Cloud?'))
    expect(dialog?.element.open).toBe(true)
    expect(app().fake.calls.some((call) => call.method === 'profiles.remove')).toBe(false)

    await buttonNamed(app().wrapper, 'Remove profile').trigger('click')
    await settle()

    expect(app().fake.calls.find((call) => call.method === 'profiles.remove')?.args).toEqual({ profileId: 'cloud' })
    expect(card('cloud').exists()).toBe(false)
    expect(app().fake.calls.at(-1)).toEqual({ method: 'auth.getState', args: { profileId: 'local' } })
    expect(app().wrapper.text()).toContain('Appwrite Cloud was removed.')
  })

  it('says so when the profile to edit no longer exists', async () => {
    await mountApp('/profiles/gone/edit', twoProfiles)
    await settle()
    expect(app().wrapper.find('h1').text()).toBe('This profile no longer exists')
  })
})

describe('profile form rules', () => {
  it('reads providers separated by commas, spaces or lines, once each, case kept', () => {
    expect(parseProviderList(' github,  paypalSandbox\noidc github ,')).toEqual(['github', 'paypalSandbox', 'oidc'])
  })

  it('refuses what Appwrite would refuse', () => {
    const problems = checkProfileDraft({ label: ' ', endpoint: 'cloud.appwrite.io', projectId: '-bad', redirectStrategy: 'scheme', providers: 'git-hub' })
    expect(Object.keys(problems).sort()).toEqual(['endpoint', 'label', 'projectId', 'providers'])
    expect(problems.providers).toContain('git-hub')
  })

  it('allows http:// only on this machine, and appwrite-callback only for ids that make a URL scheme', () => {
    const draft = { label: 'W', endpoint: 'http://localhost:8080/v1', projectId: 'my_project', redirectStrategy: 'scheme' as const, providers: '' }
    expect(checkProfileDraft(draft)).toEqual({})
    expect(checkProfileDraft({ ...draft, endpoint: 'http://10.0.0.5/v1' }).endpoint).toContain('Use https://')
    expect(checkProfileDraft({ ...draft, redirectStrategy: 'appwrite-callback' }).projectId).toContain('appwrite-callback-my_project://')
  })

  it('trims the input and drops a trailing slash from the endpoint', () => {
    expect(
      toProfileInput({ label: ' Work ', endpoint: ' https://a.example/v1/ ', projectId: ' p1 ', redirectStrategy: 'loopback', providers: 'github' }),
    ).toEqual({ label: 'Work', endpoint: 'https://a.example/v1', projectId: 'p1', redirectStrategy: 'loopback', oauthProviders: ['github'] })
  })
})
