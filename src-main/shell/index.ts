import { runMainProcess } from './main'

runMainProcess()
