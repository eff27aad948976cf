/** The app's mark: a stylised gear-and-arrow on the brand colour. */
export function BrandMark({ size = 36 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 40 40" aria-hidden="true" focusable="false">
      <rect width="40" height="40" rx="9" fill="var(--mantine-color-brand-8)" />
      <circle cx="20" cy="20" r="9.5" fill="none" stroke="#fff" strokeWidth="2.5" strokeDasharray="4.2 3.2" />
      <circle cx="20" cy="20" r="4.5" fill="none" stroke="#fff" strokeWidth="2.2" />
      <path d="M10 30 30 10" stroke="var(--mantine-color-gold-4)" strokeWidth="2.6" strokeLinecap="round" />
      <path d="M23.5 10H30v6.5" fill="none" stroke="var(--mantine-color-gold-4)" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
