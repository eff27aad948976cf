/**
 * tashil serve | migrate | seed | user | backup | restore
 * Every command reads the same settings as the server (DATABASE_URL, TASHIL_DATA_DIR, …).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, projectRoot } from '../server/config.js';
import { startServer, openConfiguredDatabase } from '../server/server.js';
import { seedReference } from '../server/seed/reference.js';
import { seedDemo } from '../server/seed/demo.js';
import { backup, restore } from './backup.js';
import { createUserCommand } from './user.js';

const HELP = `tashil — سامانه تسهیل و رفع موانع تولید

  tashil serve [--build-if-missing]     run the server (PORT, HOST, DATABASE_URL, TASHIL_DATA_DIR, TASHIL_DEMO)
  tashil migrate                         apply the database migrations
  tashil seed [--demo]                   seed reference data (and the Qom demo dataset with --demo)
  tashil user create --username U --role R [--full-name N] [--province P] [--agency A|--bank B|--unit ID]
                                         create a user; the password is asked for without echo
                                         (or read from the first line of standard input when it is not a terminal)
  tashil backup FILE                     back up the database (embedded: the data folder as an archive; PostgreSQL: pg_dump)
  tashil restore FILE [--force]          restore a backup; refuses a non-empty database unless --force
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({ args: rest, options: { 'build-if-missing': { type: 'boolean' } } });
      if (values['build-if-missing'] && !existsSync(path.join(config.webDir, 'index.html'))) {
        console.log('Building the web app (first start only)…');
        const r = spawnSync(process.execPath, [path.join(projectRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: projectRoot, stdio: 'inherit' });
        if (r.status !== 0) return r.status ?? 1;
      }
      await startServer(config);
      return -1; // keep running
    }
    case 'migrate': {
      const database = await openConfiguredDatabase(config);
      await database.close();
      console.log(`migrations applied (${database.engine})`);
      return 0;
    }
    case 'seed': {
      const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean' } } });
      const database = await openConfiguredDatabase(config);
      try {
        await seedReference(database.db);
        console.log('reference data seeded');
        if (values.demo) {
          const { seeded } = await seedDemo(database.db);
          console.log(seeded ? 'demo data seeded' : 'demo data was already there');
        }
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'user':
      return createUserCommand(config, rest);
    case 'backup': {
      const file = rest[0];
      if (!file) throw new Error('usage: tashil backup FILE');
      await backup(config, path.resolve(file));
      return 0;
    }
    case 'restore': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { force: { type: 'boolean' } } });
      const file = positionals[0];
      if (!file) throw new Error('usage: tashil restore FILE [--force]');
      await restore(config, path.resolve(file), { force: Boolean(values.force) });
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(HELP);
      return 0;
    default:
      console.error(`unknown command: ${command}\n\n${HELP}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
