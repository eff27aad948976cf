/** Web unit tests render components without their routes: every feature's messages are loaded up front (lib/i18n.ts). */
import { loadAllMessages } from '../lib/i18n.js';

await loadAllMessages();
