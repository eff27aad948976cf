/** The account screens' words (issue 14): second factor, own password, own sessions, the sign-in's second step. */
export const fa = {
  'account.title': 'حساب کاربری',
} as const;

export const en: Record<keyof typeof fa, string> = {
  'account.title': 'My account',
};
