/**
 * zod validation for Fastify that keeps each issue whole (with its input, so messages can say
 * what was received), for the error handler to translate into Persian or English.
 */
import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';

export interface ValidationEntry {
  instancePath: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    const validation: ValidationEntry[] = result.error.issues.map((issue) => {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      const path = [...issue.path.map(String), ...(keys.length ? [keys.join(',')] : [])];
      return { instancePath: `/${path.join('/')}`, keyword: issue.code, message: issue.message, params: { ...issue } };
    });
    return { error: Object.assign(new Error('validation failed'), { validation }) };
  };
