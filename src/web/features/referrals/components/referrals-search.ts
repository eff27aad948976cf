import type { ReferralStatus } from '../api/referrals-api.js';

/** The referrals list's filters as they live in the address bar (apart from the page, so the router can read them without the page's code). */
export interface ReferralsSearch {
  q: string;
  status: ReferralStatus | '';
  bankId: string;
  agencyId: string;
  programCode: string;
  overdue: boolean;
  page: number;
}

export const EMPTY_REFERRALS_SEARCH: ReferralsSearch = { q: '', status: '', bankId: '', agencyId: '', programCode: '', overdue: false, page: 1 };
