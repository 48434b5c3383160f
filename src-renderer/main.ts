import { createPinia } from 'pinia'
import { createApp } from 'vue'
import { createWebHashHistory } from 'vue-router'
import App from './App.vue'
import { markReadyAfterStartup } from './ready-mark'
import { createAppRouter } from './router'
import './styles/tokens.css'
import './styles/base.css'

const pinia = createPinia()
const router = createAppRouter({ history: createWebHashHistory(), pinia })

createApp(App).use(pinia).use(router).mount('#app')

void markReadyAfterStartup(router, document.body)
