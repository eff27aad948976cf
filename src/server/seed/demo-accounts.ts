import type { Role } from '../../shared/roles.js';

/** Shown on the login page and in the README while demo mode is on. */
export const DEMO_PASSWORD = 'tashil-demo';

export interface DemoAccount {
  username: string;
  fullName: string;
  role: Role;
  agencyId?: string;
  bankId?: string;
  /** the producer's unit: the demo unit with this national id */
  unitNationalId?: string;
  /** where the account's text messages go (a producer's notifications and sign-in codes); a number nobody holds */
  mobile?: string;
}

export const DEMO_PRODUCER_UNIT_INDEX = 0;

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', fullName: 'مدیر سامانه', role: 'admin' },
  { username: 'secretariat', fullName: 'فرزانه توکلی‌نیا (دبیرخانه)', role: 'secretariat' },
  { username: 'executive', fullName: 'معاون هماهنگی امور اقتصادی', role: 'executive' },
  { username: 'national', fullName: 'کارشناس ستاد ملی', role: 'national' },
  { username: 'agency.smt', fullName: 'حمید صالح‌پور (صمت)', role: 'agency', agencyId: 'smt' },
  { username: 'bank.sanat-madan', fullName: 'نسرین امیدوار (بانک صنعت و معدن)', role: 'bank', bankId: 'sanat-madan' },
  { username: 'producer.demo', fullName: 'مدیرعامل واحد نمونه', role: 'producer', mobile: '09129990001' },
];
