/**
 * One error handler: every failure leaves as application/problem+json (RFC 9457) with a stable `code`,
 * a title in the caller's language, and for validation the list of bad fields. 5xx details are logged, never shown.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERRORS, errorTitle, type ErrorCode, type FieldError, type Lang } from '../../shared/errors.js';
import { issueMessage, type IssueLike, type ValidationPlace } from '../../shared/validation-messages.js';

export function languageOf(request: FastifyRequest): Lang {
  const h = request.headers['accept-language'];
  const first = (Array.isArray(h) ? h[0] : h)?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'fa';
}

import type { ValidationEntry } from './validation.js';

/** A validation entry as a plain sentence naming its field (shared/validation-messages.ts). */
export function translateIssue(entry: ValidationEntry, lang: Lang, place?: ValidationPlace): string {
  return issueMessage({ ...(entry.params as IssueLike), code: entry.keyword, message: entry.message }, lang, place);
}

export function problem(
  reply: FastifyReply,
  lang: Lang,
  code: ErrorCode,
  opts: { detail?: string; errors?: FieldError[]; extra?: Record<string, unknown>; retryAfter?: number } = {},
) {
  const status = ERRORS[code].status;
  // Every 429 says when to come back.
  if (status === 429) reply.header('retry-after', String(Math.max(1, Math.ceil(opts.retryAfter ?? 60))));
  return reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .send({
      type: `urn:tashil:error:${code}`,
      title: errorTitle(code, lang),
      status,
      ...(opts.detail ? { detail: opts.detail } : {}),
      code,
      ...(opts.errors ? { errors: opts.errors } : {}),
      ...(opts.extra ?? {}),
    });
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const lang = languageOf(request);
    if (err instanceof AppError) {
      return problem(reply, lang, err.code, {
        ...(err.detail ? { detail: err.detail[lang] } : {}),
        ...(err.errors ? { errors: err.errors } : {}),
        ...(err.extra ? { extra: err.extra } : {}),
        ...(err.retryAfter !== undefined ? { retryAfter: err.retryAfter } : {}),
      });
    }
    if (err.validation) {
      const where = err.validationContext ?? 'body';
      const errors = (err.validation as ValidationEntry[]).map((v) => {
        const path = (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
        return { path: path || where, message: translateIssue(v, lang, where) };
      });
      return problem(reply, lang, 'validation.failed', { errors });
    }
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH' || (err.statusCode === 400 && err.code?.startsWith('FST_'))) {
      return problem(reply, lang, 'request.malformed', { detail: err.message });
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) return problem(reply, lang, 'request.too_large');
    if (err.statusCode === 429) {
      const given = Number(reply.getHeader('retry-after'));
      return problem(reply, lang, 'rate.limited', Number.isFinite(given) && given > 0 ? { retryAfter: given } : {});
    }
    if (err.statusCode === 404 || err.statusCode === 403) return problem(reply, lang, 'route.not_found'); // e.g. a static path that is a folder
    request.log.error({ err }, 'unhandled error');
    return problem(reply, lang, 'server.error');
  });
}
