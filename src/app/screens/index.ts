// Every screen the dashboard can open. A new screen (contexts, rollout history) is a module that
// calls registerScreen() when imported; import it here.
import './resourceScreens.js';
import './contextsScreen.js';
import './historyScreen.js';
import './journalScreen.js';
import './logsScreen.js';
import './xrayScreen.js';

export { allAliases, registerScreen, resolveScreen, screenByName } from './screenRegistry.js';
export type { CustomScreenDef, CustomScreenProps, DrillDown, Mutation, ResourceScreenDef, ScreenDef } from './screenRegistry.js';
