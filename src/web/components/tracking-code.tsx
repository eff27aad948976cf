import { useI18n } from '../lib/i18n.js';

/**
 * A tracking code (`D-1405-000022`) isolated from the sentence around it: left to right inside Persian text, so its
 * parts stay in order and the punctuation beside it stays put. Digits follow the language.
 */
export function TrackingCode({ code, className }: { code: string; className?: string }) {
  const { digits } = useI18n();
  return (
    <bdi dir="ltr" className={className ? `tracking-code ${className}` : 'tracking-code'} data-code={code}>
      {digits(code)}
    </bdi>
  );
}
