import { describe, expect, it } from 'vitest';
import { describeSmsTarget, KAVENEGAR_BASE_URL, parseSmsUrl, SmsUrlError } from './sms.url.js';
import { loadConfig } from '../../config.js';

describe('TASHIL_SMS_URL', () => {
  it('is the log by default', () => {
    expect(parseSmsUrl(undefined)).toEqual({ kind: 'log' });
    expect(parseSmsUrl('')).toEqual({ kind: 'log' });
    expect(parseSmsUrl(' log ')).toEqual({ kind: 'log' });
  });

  it('reads an SMPP centre', () => {
    expect(parseSmsUrl('smpp://tashil:p%40ss@10.20.30.40:2776?source=30001234')).toEqual({
      kind: 'smpp', tls: false, host: '10.20.30.40', port: 2776, systemId: 'tashil', password: 'p@ss', source: '30001234', systemType: '',
    });
    expect(parseSmsUrl('smpp://tashil:pw@sms.example.ir?source=3000')).toMatchObject({ port: 2775 });
    expect(parseSmsUrl('ssmpp://tashil:pw@sms.example.ir?source=3000&system_type=VMA')).toMatchObject({ tls: true, port: 3550, systemType: 'VMA' });
  });

  it('reads Kavenegar', () => {
    expect(parseSmsUrl('kavenegar://4A6B7C8D9E@?sender=10004346')).toEqual({ kind: 'kavenegar', apiKey: '4A6B7C8D9E', sender: '10004346', baseUrl: KAVENEGAR_BASE_URL });
    expect(parseSmsUrl('kavenegar://4A6B7C8D9E@127.0.0.1:8081?sender=10004346')).toMatchObject({ baseUrl: 'http://127.0.0.1:8081' });
  });

  it.each([
    ['smtp://x@y', /unknown scheme "smtp"/],
    ['sms-centre', /not a URL/],
    ['smpp://host:2775?source=3000', /system id/],
    ['smpp://tashil:pw@host:2775', /source=NUMBER/],
    ['smpp://tashil:pw@host:99999?source=3000', /cannot be read/],
    ['smpp://tashil:averyverylongpassword@host?source=3000', /password is longer/],
    ['smpp://tashil:pw@host?source=3000&tls=1', /unknown setting "tls"/],
    ['smpp://tashil:pw@host?source=!!', /neither a number/],
    ['kavenegar://@?sender=1000', /API key/],
    ['kavenegar://4A6B7C8D9E@?sender=', /sender=NUMBER/],
    ['kavenegar://4A6B7C8D9E', /expected kavenegar/],
  ])('refuses %s with a clear message', (url, message) => {
    expect(() => parseSmsUrl(url)).toThrow(SmsUrlError);
    expect(() => parseSmsUrl(url)).toThrow(message);
  });

  it('never echoes the secret', () => {
    try {
      parseSmsUrl('smpp://tashil:s3cr3t@host:2775');
    } catch (e) {
      expect((e as Error).message).not.toContain('s3cr3t');
    }
    expect(describeSmsTarget(parseSmsUrl('smpp://tashil:s3cr3t@host:2775?source=3000'))).toBe('smpp://tashil@host:2775 (source 3000)');
    expect(describeSmsTarget(parseSmsUrl('kavenegar://SECRETKEY1@?sender=1000'))).not.toContain('SECRETKEY1');
  });

  it('stops the start-up when malformed', () => {
    expect(() => loadConfig({ TASHIL_SMS_URL: 'smpp://nohost' } as NodeJS.ProcessEnv)).toThrow(SmsUrlError);
    expect(loadConfig({} as NodeJS.ProcessEnv).sms).toEqual({ kind: 'log' });
  });
});
