/**
 * `Idempotency-Key` for POSTs: a bank's system that retries after a timeout must not act twice.
 *
 * The first request with a key reserves (caller, key) in `idempotency_keys` with a hash of its method, path
 * and body, runs, and its answer (status, content type, body) is stored when it is sent. A repeat with the
 * same key gets that answer back (header `Idempotent-Replayed: true`) without running again; the same key
 * with a different method, path or body → 422 `idempotency.mismatch`; while the first is still running →
 * 409 `idempotency.in_progress`. 5xx answers are not kept (the reservation is dropped, so a retry runs).
 *
 * Any JSON POST route gets this by default. A multipart route, whose body is read in the handler, declares
 * `config: { idempotency: 'manual' }` and calls `beginIdempotentRequest` once it has hashed the upload
 * (multipart requests to other routes are left alone).
 * `config: { idempotency: 'off' }` opts a route out.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { and, eq, isNull, lt } from 'drizzle-orm';
import { idempotencyKeys } from '../db/schema.js';
import { AppError } from '../../shared/errors.js';

export type IdempotencyMode = 'auto' | 'manual' | 'off';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: IdempotencyHandle | null;
  }
  interface FastifyContextConfig {
    idempotency?: IdempotencyMode;
  }
}

export interface IdempotencyHandle {
  actorKey: string;
  key: string;
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** A reservation whose request never finished (a crashed process) can be taken over after this long. */
const STALE_RESERVATION_MS = 5 * 60_000;
/** Keys are remembered this long; after that the same key starts afresh. */
const KEY_LIFETIME_MS = 24 * 60 * 60_000;

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as Record<string, unknown>)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/** SHA-256 of a JSON body with its keys sorted, so `{a,b}` and `{b,a}` are the same request. */
export function hashJsonBody(body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(body ?? null)))
    .digest('hex');
}

function keyOf(request: FastifyRequest): string | null {
  const raw = request.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return null;
  const key = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? '';
  if (!key || key.length > 200) throw new AppError('idempotency.invalid_key');
  return key;
}

type Reservation = { kind: 'new'; handle: IdempotencyHandle } | { kind: 'replay'; status: number; contentType: string | null; body: string };

async function reserve(app: FastifyInstance, request: FastifyRequest, key: string, bodyHash: string): Promise<Reservation> {
  const { db, now } = app.deps;
  const actor = request.actor!;
  const actorKey = `${actor.kind}:${actor.id}`;
  const method = request.method;
  const path = request.url;
  const requestHash = createHash('sha256').update(`${method} ${path}\n${bodyHash}`).digest('hex');
  for (let attempt = 0; attempt < 3; attempt++) {
    const at = now();
    const inserted = await db
      .insert(idempotencyKeys)
      .values({ actorKey, key, method, path, requestHash, createdAt: at })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (inserted.length) {
      // Now and then a reservation also clears the keys whose lifetime is over, so the table stays small.
      if (Math.random() < 0.01) await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(at.getTime() - KEY_LIFETIME_MS)));
      return { kind: 'new', handle: { actorKey, key } };
    }

    const [existing] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.actorKey, actorKey), eq(idempotencyKeys.key, key)));
    if (!existing) continue; // released meanwhile: try again
    const age = at.getTime() - existing.createdAt.getTime();
    if (age > KEY_LIFETIME_MS) {
      await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.actorKey, actorKey), eq(idempotencyKeys.key, key), eq(idempotencyKeys.createdAt, existing.createdAt)));
      continue;
    }
    if (existing.requestHash !== requestHash) {
      throw new AppError('idempotency.mismatch', { extra: { firstRequest: { method: existing.method, path: existing.path } } });
    }
    if (existing.status === null) {
      if (age < STALE_RESERVATION_MS) throw new AppError('idempotency.in_progress');
      const taken = await db
        .update(idempotencyKeys)
        .set({ createdAt: at })
        .where(and(eq(idempotencyKeys.actorKey, actorKey), eq(idempotencyKeys.key, key), isNull(idempotencyKeys.status), eq(idempotencyKeys.createdAt, existing.createdAt)))
        .returning({ key: idempotencyKeys.key });
      if (taken.length) return { kind: 'new', handle: { actorKey, key } };
      continue;
    }
    return { kind: 'replay', status: existing.status, contentType: existing.contentType, body: existing.body ?? '' };
  }
  throw new AppError('idempotency.in_progress');
}

function sendReplay(reply: FastifyReply, r: Extract<Reservation, { kind: 'replay' }>): FastifyReply {
  reply.code(r.status).header('idempotent-replayed', 'true');
  if (r.contentType) reply.header('content-type', r.contentType);
  // The stored body is the serialised answer; a string is sent as it is.
  return reply.send(r.body);
}

/**
 * For a 'manual' route (multipart): call once the request's content is hashed. Returns true when the
 * answer was replayed — the handler must then return `reply` without acting.
 */
export async function beginIdempotentRequest(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, contentHash: string): Promise<boolean> {
  if (request.method !== 'POST' || !request.actor) return false;
  const key = keyOf(request);
  if (!key) return false;
  const r = await reserve(app, request, key, contentHash);
  if (r.kind === 'replay') {
    sendReplay(reply, r);
    return true;
  }
  request.idempotency = r.handle;
  return false;
}

export function registerIdempotency(app: FastifyInstance) {
  app.decorateRequest('idempotency', null);

  app.addHook('preValidation', async (request, reply) => {
    if (request.method !== 'POST' || !request.actor) return;
    const mode = request.routeOptions.config?.idempotency ?? 'auto';
    if (mode !== 'auto') return;
    // A multipart body is read in the handler, not here: its hash would not tell two uploads apart, so such
    // a route takes part only by declaring 'manual' and hashing the upload itself.
    if (String(request.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/')) return;
    const key = keyOf(request);
    if (!key) return;
    const r = await reserve(app, request, key, hashJsonBody(request.body));
    if (r.kind === 'replay') return sendReplay(reply, r);
    request.idempotency = r.handle;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const handle = request.idempotency;
    if (!handle) return payload;
    request.idempotency = null;
    const where = and(eq(idempotencyKeys.actorKey, handle.actorKey), eq(idempotencyKeys.key, handle.key), isNull(idempotencyKeys.status));
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
    if (reply.statusCode >= 500 || body === null) {
      await app.deps.db.delete(idempotencyKeys).where(where);
      return payload;
    }
    const contentType = reply.getHeader('content-type');
    await app.deps.db
      .update(idempotencyKeys)
      .set({ status: reply.statusCode, contentType: typeof contentType === 'string' ? contentType : null, body, completedAt: app.deps.now() })
      .where(where);
    return payload;
  });
}
