export const ROLES = ['admin', 'secretariat', 'executive', 'agency', 'bank', 'producer', 'national'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { fa: string; en: string }> = {
  admin: { fa: 'مدیر سامانه', en: 'System administrator' },
  secretariat: { fa: 'دبیرخانهٔ ستاد', en: 'HQ secretariat' },
  executive: { fa: 'مدیران استان', en: 'Provincial leadership' },
  agency: { fa: 'دستگاه اجرایی', en: 'Executive agency' },
  bank: { fa: 'بانک عامل', en: 'Agent bank' },
  producer: { fa: 'واحد تولیدی', en: 'Producer' },
  national: { fa: 'ستاد ملی', en: 'National HQ' },
};

/** Which scope field a role must carry. */
export function requiredScope(role: Role): 'agencyId' | 'bankId' | 'unitId' | null {
  switch (role) {
    case 'agency':
      return 'agencyId';
    case 'bank':
      return 'bankId';
    case 'producer':
      return 'unitId';
    case 'admin':
    case 'secretariat':
    case 'executive':
    case 'national':
      return null;
  }
}
