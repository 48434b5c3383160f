import { createPinia } from 'pinia'
import { createApp, nextTick } from 'vue'
import { createWebHashHistory } from 'vue-router'
import App from './App.vue'
import { createAppRouter } from './router'
import './styles/tokens.css'
import './styles/base.css'

const pinia = createPinia()
const router = createAppRouter({ history: createWebHashHistory(), pinia })

createApp(App).use(pinia).use(router).mount('#app')

// The first navigation waits for start-up (app status + the stored session's check), so once it
// is done the first auth state is known and on screen. Tests and the harness wait for this mark.
void router.isReady().then(async () => {
  await nextTick()
  document.body.dataset.ready = 'true'
})
