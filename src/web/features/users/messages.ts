/** The users screens' strings: Persian first, English beside it (lib/i18n.ts merges every feature's). */
export const fa = {
  'users.title': 'کاربران',
  'users.subtitle': 'حساب‌های کاربری سامانه و نقش هر یک',
  'users.total': '{total} کاربر',
  'users.col.username': 'نام کاربری',
  'users.col.fullName': 'نام و نام خانوادگی',
  'users.col.role': 'نقش',
  'users.col.status': 'وضعیت',
  'users.enabled': 'فعال',
  'users.disabled': 'غیرفعال',
  'users.empty': 'کاربری تعریف نشده است.',
} as const;

export const en: Record<keyof typeof fa, string> = {
  'users.title': 'Users',
  'users.subtitle': 'User accounts and their roles',
  'users.total': '{total} users',
  'users.col.username': 'Username',
  'users.col.fullName': 'Full name',
  'users.col.role': 'Role',
  'users.col.status': 'Status',
  'users.enabled': 'Active',
  'users.disabled': 'Disabled',
  'users.empty': 'No user is defined.',
};
