/**
 * The stats screens' strings: Persian first, English beside it (lib/i18n.ts merges every feature's). They are kept a
 * file a page in messages/, each with its own `en: Record<keyof typeof fa, string>`, so a missing English string
 * still does not compile; this file joins them into the one bundle the stats pages load.
 */
import * as agencies from './messages/agencies.js';
import * as banks from './messages/banks.js';
import * as common from './messages/common.js';
import * as dashboard from './messages/dashboard.js';
import * as regions from './messages/regions.js';

export const fa = { ...common.fa, ...dashboard.fa, ...banks.fa, ...agencies.fa, ...regions.fa } as const;

export const en: Record<keyof typeof fa, string> = { ...common.en, ...dashboard.en, ...banks.en, ...agencies.en, ...regions.en };
