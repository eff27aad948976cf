/** The auth screens' strings: Persian first, English beside it (lib/i18n.ts merges every feature's). */
export const fa = {
  'login.title': 'ورود به سامانه',
  'login.subtitle': 'برای ادامه، نام کاربری و گذرواژهٔ خود را وارد کنید.',
  'login.username': 'نام کاربری',
  'login.password': 'گذرواژه',
  'login.submit': 'ورود',
  'login.togglePassword': 'نمایش یا پنهان کردن گذرواژه',
  'login.required': 'این فیلد را پر کنید.',
  'login.failed': 'ورود ناموفق بود',
  'login.demoTitle': 'حساب‌های نمایشی',
  'login.demoHint': 'این نسخه برای نمایش است. با انتخاب هر حساب، فرم ورود پر می‌شود.',
  'login.demoFill': 'پر کردن فرم با حساب {role}',
  'login.footer': 'استفاده از این سامانه تنها برای کاربران مجاز است.',
  'login.version': 'نسخهٔ {version}',
} as const;

export const en: Record<keyof typeof fa, string> = {
  'login.title': 'Sign in',
  'login.subtitle': 'Enter your username and password to continue.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.togglePassword': 'Show or hide the password',
  'login.required': 'Please fill in this field.',
  'login.failed': 'Sign-in failed',
  'login.demoTitle': 'Demo accounts',
  'login.demoHint': 'This is a demo installation. Pick an account to fill in the form.',
  'login.demoFill': 'Fill in the form with the {role} account',
  'login.footer': 'For authorised users only.',
  'login.version': 'Version {version}',
};
