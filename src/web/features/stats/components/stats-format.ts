import { useMemo } from 'react';
import { formatBillionRials, formatRials, toBillionRials } from '../../../../shared/money.js';
import type { Role } from '../../../../shared/roles.js';
import { formatNumber, useI18n, type Language } from '../../../lib/i18n.js';
import { can, scopeOf } from '../../../lib/authorization.js';

/** Who is looking: the drill-down is offered only where the server would answer it. */
export interface StatsViewer {
  role: Role;
  bankId: string | null;
  agencyId: string | null;
  /** Which record pages the viewer may open (the router's own rules, passed in). */
  canOpenUnits: boolean;
  canOpenDemands: boolean;
  canOpenResolutions: boolean;
  canOpenReferrals: boolean;
}

/** May this viewer open the records behind a bank's figures? (the server answers 403 otherwise) */
export function canDrillBank(viewer: StatsViewer, bankId: string | null): boolean {
  if (scopeOf(viewer.role) === 'bankId') return bankId !== null && bankId === viewer.bankId;
  // an agency may drill only with its own agencyId, which would not be this figure
  return scopeOf(viewer.role) === null && can(viewer.role, 'GET /api/v1/stats/drilldown');
}

export function canDrillAgency(viewer: StatsViewer, agencyId: string | null): boolean {
  if (scopeOf(viewer.role) === 'agencyId') return agencyId !== null && agencyId === viewer.agencyId;
  return scopeOf(viewer.role) === null && can(viewer.role, 'GET /api/v1/stats/drilldown');
}

/** The charts' palette: the office's green, its gold, and quiet greys. */
export const COLORS = {
  brand: '#086d55',
  brandLight: '#74b8a4',
  gold: '#efab14',
  quota: '#c5ccd3',
  slate: '#3b5b92',
  red: '#c92a2a',
  orange: '#e8590c',
  gray: '#868e96',
};

/** A rate (0..1) as a percentage in the language's digits: ۶۶٫۸٪ or 66.8%; a dash when there is no divisor. */
export function formatRate(rate: number | null, language: Language, fractionDigits = 1): string {
  if (rate === null) return '—';
  const text = formatNumber(rate * 100, language, fractionDigits);
  return language === 'fa' ? `${text}٪` : `${text}%`;
}

/** Billion rials as a chart value (display only; the tables keep exact bigint arithmetic). */
export function billions(rials: string): number {
  return Number(toBillionRials(BigInt(rials)).text);
}

export function useStatsFormat() {
  const { language, n, t } = useI18n();
  return useMemo(
    () => ({
      /** billion rials, one decimal: ۳٬۳۷۱٫۴ */
      amount: (rials: string, fractionDigits = 1) => formatBillionRials(BigInt(rials), language, fractionDigits),
      /** the exact amount in rials, for the tooltip: ۳٬۳۷۱٬۴۰۰٬۰۰۰٬۰۰۰ ریال */
      exact: (rials: string) => t('stats.rials', { amount: formatRials(BigInt(rials), language) }),
      rate: (rate: number | null, fractionDigits = 1) => formatRate(rate, language, fractionDigits),
      count: (value: number) => n(value),
      /** a median number of days; a dash when nothing was measured */
      days: (value: number | null) => (value === null ? '—' : formatNumber(value, language, 1)),
      decimal: (value: number, fractionDigits = 1) => formatNumber(value, language, fractionDigits),
    }),
    [language, n, t],
  );
}
