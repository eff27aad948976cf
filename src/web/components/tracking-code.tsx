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

/** A tracking code inside free text: a letter or two, the fiscal year and the number (D-1405-000022, R-1405-000301). */
const CODE_IN_TEXT = /([A-Z]{1,3}-\d{4}-\d{3,})/g;

/**
 * Free text from the server (a notification's title and body) as a person should read it: each tracking code
 * isolated left to right, every other digit in the language's digits.
 */
export function TextWithCodes({ text }: { text: string }) {
  const { digits } = useI18n();
  const parts = text.split(CODE_IN_TEXT);
  return (
    <>
      {parts.map((part, i) => (i % 2 === 1 ? <TrackingCode key={i} code={part} /> : <span key={i}>{digits(part)}</span>))}
    </>
  );
}
