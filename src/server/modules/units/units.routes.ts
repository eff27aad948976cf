import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/contracts/common.js';
import {
  createUnitBody,
  exportUnitsQuery,
  importUnitsQuery,
  listUnitsQuery,
  patchUnitBody,
  templateQuery,
  unitImportResult,
  unitList,
  unitSchema,
  unitTimelineSchema,
} from '../../../shared/contracts/units.js';
import { AppError, errorTitle } from '../../../shared/errors.js';
import { contextOf } from '../../plugins/auth.js';
import { AS_OF_HEADER, onReadDb } from '../../plugins/reads.js';
import { expectedVersion } from '../../plugins/expected-version.js';
import { DEFAULT_SHEET_LIMITS } from '../../sheets/read-sheet.js';
import { createUnit, getUnit, listUnits, updateUnit } from './units.service.js';
import { exportUnits, unitImportTemplate } from './units.export.js';
import { sendSheetFile } from '../../sheets/table-file.js';
import { importUnits, type ImportPhase } from './units.import.js';
import { unitTimeline, type UnitTimelineSource } from './units.timeline.js';

const sendFile = sendSheetFile;

export interface UnitsRoutesOptions {
  /** The modules that tell part of a unit's story (made in app.ts). */
  timelineSources: readonly UnitTimelineSource[];
}

export async function unitsRoutes(app: FastifyInstance, opts: UnitsRoutesOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['units'];
  r.get(
    '/units',
    {
      schema: { tags, querystring: listUnitsQuery, response: { 200: unitList } },
      // The hottest read: the repo already builds exactly the contract's shape (see queryUnits), so the
      // response is written as it is instead of being parsed again by zod (the schema still documents it).
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (req) => listUnits(contextOf(app, req), req.query),
  );
  r.post('/units', { schema: { tags, body: createUnitBody, response: { 201: unitSchema } } }, async (req, reply) => {
    reply.code(201);
    return createUnit(contextOf(app, req), req.body);
  });

  r.post(
    '/units/import',
    {
      schema: {
        tags,
        summary: 'Import units from .xlsx or .csv (multipart field `file`); all or nothing, idempotent by national id',
        description: 'With `Accept: application/x-ndjson` the answer streams progress lines `{type:"progress",phase,done,total}` and ends with `{type:"result",status,body}` (body as the plain answer would be).',
        consumes: ['multipart/form-data'],
        querystring: importUnitsQuery,
        response: { 200: unitImportResult },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(app, req);
      let part;
      try {
        part = await req.file({ limits: { fileSize: DEFAULT_SHEET_LIMITS.maxBytes, files: 1 } });
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError('import.file_missing');
        throw e;
      }
      if (!part) throw new AppError('import.file_missing');
      let data: Buffer;
      try {
        data = await part.toBuffer();
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('import.too_large');
        throw e;
      }
      const file = { filename: part.filename, data };
      if (!String(req.headers.accept ?? '').includes('application/x-ndjson')) return importUnits(ctx, file, { dryRun: req.query.dryRun });

      // Progress for big files: one JSON line per step, then the answer itself as the last line.
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store', 'x-request-id': req.id });
      let last = 0;
      const onProgress = (phase: ImportPhase, done: number, total: number) => {
        const now = Date.now();
        if (done !== 0 && phase !== 'done' && now - last < 150) return;
        last = now;
        raw.write(`${JSON.stringify({ type: 'progress', phase, done, total })}\n`);
      };
      try {
        const result = await importUnits(ctx, file, { dryRun: req.query.dryRun, onProgress });
        raw.end(`${JSON.stringify({ type: 'result', status: 200, body: result })}\n`);
      } catch (e) {
        const lang = ctx.lang ?? 'fa';
        const err = e instanceof AppError ? e : new AppError('server.error');
        if (!(e instanceof AppError)) req.log.error({ err: e }, 'import failed');
        const body = {
          type: `urn:tashil:error:${err.code}`,
          title: errorTitle(err.code, lang),
          status: err.status,
          ...(err.detail ? { detail: err.detail[lang] } : {}),
          code: err.code,
          ...(err.errors ? { errors: err.errors } : {}),
          ...(err.extra ?? {}),
        };
        raw.end(`${JSON.stringify({ type: 'result', status: err.status, body })}\n`);
      }
      return reply;
    },
  );
  r.get('/units/import/template', { schema: { tags, summary: 'The import template (.xlsx with a help sheet, or .csv)', querystring: templateQuery } }, async (req, reply) =>
    sendFile(reply, await unitImportTemplate(contextOf(app, req), req.query.format)),
  );
  r.get('/units/export', { schema: { tags, summary: "The list's units as .xlsx or .csv (the list's filters apply)", querystring: exportUnitsQuery } }, async (req, reply) =>
  {
    // an export reads through the read router (the replica when configured)
    const { value, asOf } = await onReadDb(app, req, (ctx) => exportUnits(ctx, req.query));
    if (asOf) reply.header(AS_OF_HEADER, asOf);
    return sendFile(reply, value);
  });

  r.get('/units/:id', { schema: { tags, params: idParams, response: { 200: unitSchema } } }, async (req) => getUnit(contextOf(app, req), req.params.id));
  r.patch('/units/:id', { schema: { tags, params: idParams, body: patchUnitBody, response: { 200: unitSchema } } }, async (req) => {
    const { version, ...changes } = req.body;
    return updateUnit(contextOf(app, req), req.params.id, changes, expectedVersion(version, req));
  });
  r.get('/units/:id/timeline', { schema: { tags, summary: "The unit's story, newest first, and its staff and capacity over time", params: idParams, response: { 200: unitTimelineSchema } } }, async (req) =>
    unitTimeline(contextOf(app, req), req.params.id, opts.timelineSources),
  );
}
