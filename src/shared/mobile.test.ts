import { describe, expect, it } from 'vitest';
import { internationalMobile, isMobile, normalizeMobile } from './mobile.js';

describe('normalizeMobile', () => {
  it.each([
    ['09121234567', '09121234567'],
    ['+989121234567', '09121234567'],
    ['989121234567', '09121234567'],
    ['00989121234567', '09121234567'],
    ['۰۹۱۲۱۲۳۴۵۶۷', '09121234567'],
    ['٠٩١٢١٢٣٤٥٦٧', '09121234567'],
    ['+۹۸۹۳۵۱۱۱۲۲۳۳', '09351112233'],
    [' 0912 123 4567 ', '09121234567'],
    ['0912-123-4567', '09121234567'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeMobile(input)).toBe(expected);
  });

  it.each([
    '',
    '9121234567',
    '0912123456',
    '091212345678',
    '02112345678',
    '+9809121234567',
    '+19121234567',
    '0912123456a',
    '۰۹۱۲۱۲۳۴۵۶',
    'tel:09121234567',
  ])('refuses %j', (input) => {
    expect(normalizeMobile(input)).toBeNull();
    expect(isMobile(input)).toBe(false);
  });

  it('refuses what is not a string', () => {
    expect(normalizeMobile(null)).toBeNull();
    expect(normalizeMobile(undefined)).toBeNull();
  });

  it('gives the international form for SMS centres', () => {
    expect(internationalMobile('۰۹۱۲۱۲۳۴۵۶۷')).toBe('989121234567');
    expect(() => internationalMobile('123')).toThrow();
  });
});
