import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { Config } from '../server/config.js';
import { openConfiguredDatabase } from '../server/server.js';
import { seedReference } from '../server/seed/reference.js';
import { systemActor } from '../server/context.js';
import { createUser } from '../server/modules/users/users.service.js';
import { createUserBody } from '../shared/contracts/users.js';
import { AppError } from '../shared/errors.js';

/** Reads a password without echoing it on a terminal; from a pipe, the first line. */
async function askPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    return '';
  }
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (!muted) process.stdout.write(chunk);
      cb();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(prompt, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

export async function createUserCommand(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      'full-name': { type: 'string' },
      province: { type: 'string' },
      agency: { type: 'string' },
      bank: { type: 'string' },
      unit: { type: 'string' },
    },
  });
  if (positionals[0] !== 'create') throw new Error('usage: tashil user create --username U --role R …');
  const password = await askPassword('Password (at least 10 characters): ');
  const parsed = createUserBody.safeParse({
    username: values.username,
    fullName: values['full-name'] ?? values.username,
    role: values.role,
    password,
    ...(values.province ? { provinceId: values.province } : {}),
    ...(values.agency ? { agencyId: values.agency } : {}),
    ...(values.bank ? { bankId: values.bank } : {}),
    ...(values.unit ? { unitId: values.unit } : {}),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`${issue.path.join('.') || 'input'}: ${issue.message}`);
    return 2;
  }
  const database = await openConfiguredDatabase(config);
  try {
    await seedReference(database.db);
    const user = await createUser({ db: database.db, actor: systemActor(parsed.data.provinceId ?? 'qom'), now: () => new Date(), lang: 'en' }, parsed.data);
    console.log(`created user ${user.username} (${user.role}) ${user.id}`);
    return 0;
  } catch (e) {
    if (e instanceof AppError) {
      console.error(`${e.code}: ${e.errors?.map((x) => `${x.path}: ${x.message}`).join('; ') ?? e.detail?.en ?? ''}`);
      return 2;
    }
    throw e;
  } finally {
    await database.close();
  }
}
