/**
 * Every module's reminder rules, run by the notification job. A module that wants reminders
 * (referrals, resolutions, …) writes a `ReminderSource` and adds it to this list.
 */
import type { ReminderSource } from './notifications.job.js';
import { demandReminderSource } from '../demands/demands.reminders.js';
import { resolutionReminderSource } from '../resolutions/resolutions.reminders.js';
import { referralReminderSource } from '../referrals/referrals.reminders.js';

export const REMINDER_SOURCES: readonly ReminderSource[] = [demandReminderSource, resolutionReminderSource, referralReminderSource];
