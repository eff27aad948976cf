/** The notifications screens' strings: Persian first, English beside it (lib/i18n.ts merges every feature's). */
export const fa = {
  'notifications.title': 'اعلان‌ها',
  'notifications.subtitle': 'یادآوری مهلت‌ها و خبر تغییرات',
  'notifications.unreadCount': '{count} اعلان خوانده‌نشده',
  'notifications.new': 'تازه',
  'notifications.markRead': 'خواندم',
  'notifications.markAllRead': 'همه خوانده شد',
  'notifications.unreadOnly': 'فقط خوانده‌نشده‌ها',
  'notifications.openDemand': 'دیدن مطالبه',
  'notifications.openReferral': 'دیدن معرفی',
  'notifications.openResolution': 'دیدن مصوبه',
  'notifications.empty': 'اعلانی ندارید.',
} as const;

export const en: Record<keyof typeof fa, string> = {
  'notifications.title': 'Notifications',
  'notifications.subtitle': 'Deadline reminders and news of changes',
  'notifications.unreadCount': '{count} unread',
  'notifications.new': 'New',
  'notifications.markRead': 'Mark read',
  'notifications.markAllRead': 'Mark all read',
  'notifications.unreadOnly': 'Unread only',
  'notifications.openDemand': 'Open the demand',
  'notifications.openReferral': 'Open the referral',
  'notifications.openResolution': 'Open the resolution',
  'notifications.empty': 'You have no notifications.',
};
