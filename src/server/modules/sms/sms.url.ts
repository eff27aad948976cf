/**
 * TASHIL_SMS_URL: where text messages go.
 *   log                                                   (default) each message is written to the server log
 *   smpp://systemId:password@host:port?source=NUMBER      an SMPP 3.4 centre (ssmpp:// over TLS); port 2775 by default
 *   kavenegar://APIKEY@?sender=NUMBER                      the Kavenegar HTTP gateway
 * A malformed value stops the server at start with a message naming what is wrong (secrets never echoed).
 */
export type SmsTarget =
  | { kind: 'log' }
  | { kind: 'smpp'; tls: boolean; host: string; port: number; systemId: string; password: string; source: string; systemType: string }
  | { kind: 'kavenegar'; apiKey: string; sender: string; baseUrl: string };

export class SmsUrlError extends Error {
  constructor(detail: string) {
    super(`TASHIL_SMS_URL is not valid: ${detail}. Expected "log", "smpp://systemId:password@host:port?source=NUMBER" or "kavenegar://APIKEY@?sender=NUMBER".`);
    this.name = 'SmsUrlError';
  }
}

export const KAVENEGAR_BASE_URL = 'https://api.kavenegar.com';

const SOURCE = /^(\+?\d{3,20}|[A-Za-z0-9 ._-]{1,11})$/;

function decode(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new SmsUrlError(`the ${what} is not correctly %-encoded`);
  }
}

export function parseSmsUrl(raw: string | undefined): SmsTarget {
  const value = (raw ?? '').trim();
  if (value === '' || value === 'log') return { kind: 'log' };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase();
  if (scheme === 'smpp' || scheme === 'ssmpp') return parseSmpp(value, scheme === 'ssmpp');
  if (scheme === 'kavenegar') return parseKavenegar(value);
  throw new SmsUrlError(scheme ? `unknown scheme "${scheme}"` : 'not a URL');
}

function parseSmpp(value: string, tls: boolean): SmsTarget {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SmsUrlError('the smpp URL cannot be read (host, port or %-encoding)');
  }
  if (!url.hostname) throw new SmsUrlError('the SMPP centre\'s host is missing');
  const systemId = decode(url.username, 'system id');
  const password = decode(url.password, 'password');
  if (!systemId) throw new SmsUrlError('the system id (smpp://systemId:password@…) is missing');
  if (systemId.length > 15) throw new SmsUrlError('the system id is longer than SMPP allows (15)');
  if (password.length > 8) throw new SmsUrlError('the password is longer than SMPP 3.4 allows (8)');
  const port = url.port ? Number(url.port) : tls ? 3550 : 2775;
  const source = url.searchParams.get('source') ?? '';
  if (!source) throw new SmsUrlError('?source=NUMBER (the sender number the centre gave the province) is missing');
  if (!SOURCE.test(source)) throw new SmsUrlError(`source "${source}" is neither a number nor a short alphanumeric sender`);
  for (const key of url.searchParams.keys()) {
    if (key !== 'source' && key !== 'system_type') throw new SmsUrlError(`unknown setting "${key}" (only source and system_type)`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { kind: 'smpp', tls, host, port, systemId, password, source, systemType: url.searchParams.get('system_type') ?? '' };
}

function parseKavenegar(value: string): SmsTarget {
  // the documented form has no host ("APIKEY@?sender="), which WHATWG URL refuses: read it by hand
  const m = /^kavenegar:\/\/([^@/?#]*)@([^/?#]*)(?:\?([^#]*))?$/i.exec(value);
  if (!m) throw new SmsUrlError('expected kavenegar://APIKEY@?sender=NUMBER');
  const apiKey = decode(m[1]!, 'API key');
  if (!/^[A-Za-z0-9-]{8,200}$/.test(apiKey)) throw new SmsUrlError('the Kavenegar API key is missing or has characters an API key does not');
  const params = new URLSearchParams(m[3] ?? '');
  const sender = params.get('sender') ?? '';
  if (!/^\d{3,20}$/.test(sender)) throw new SmsUrlError('?sender=NUMBER (the Kavenegar line number) is missing or not a number');
  for (const key of params.keys()) {
    if (key !== 'sender') throw new SmsUrlError(`unknown setting "${key}" (only sender)`);
  }
  // a host after the @ names another endpoint (a proxy, or a stub in tests); none: Kavenegar itself
  const host = m[2]!;
  let baseUrl = KAVENEGAR_BASE_URL;
  if (host) {
    try {
      baseUrl = new URL(/^(localhost|127\.|\[::1\])/.test(host) ? `http://${host}` : `https://${host}`).origin;
    } catch {
      throw new SmsUrlError(`the gateway host "${host}" cannot be read`);
    }
  }
  return { kind: 'kavenegar', apiKey, sender, baseUrl };
}

/** The target without its secrets, for the start-up log. */
export function describeSmsTarget(t: SmsTarget): string {
  switch (t.kind) {
    case 'log':
      return 'log';
    case 'smpp':
      return `${t.tls ? 'ssmpp' : 'smpp'}://${t.systemId}@${t.host}:${t.port} (source ${t.source})`;
    case 'kavenegar':
      return `kavenegar ${t.baseUrl} (sender ${t.sender})`;
  }
}
