/** A province's referral deadlines: what they are, their defaults, and the settings that hold them. */
export interface ReferralDeadlines {
  /** days from the referral date within which the bank must acknowledge receipt */
  receiptDays: number;
  /** days from receipt within which the bank must decide (approve or reject) */
  decisionDays: number;
}

export const DEFAULT_DEADLINES: ReferralDeadlines = { receiptDays: 5, decisionDays: 30 };
export const SETTING_RECEIPT_DAYS = 'referral.receiptDeadlineDays';
export const SETTING_DECISION_DAYS = 'referral.decisionDeadlineDays';
