/** Opens the database, seeds what is missing, listens, and closes gracefully on SIGTERM/SIGINT. */
import { loadConfig, type Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { buildApp, REMINDER_SOURCES } from './app.js';
import { seedReference } from './seed/reference.js';
import { seedDemo } from './seed/demo.js';
import { smtpChannel } from './modules/notifications/smtp-channel.js';
import { logChannel, notificationIntervalMs, startNotificationScheduler, type Scheduler } from './modules/notifications/notifications.job.js';

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir });
}

export async function startServer(config: Config = loadConfig()) {
  const started = Date.now();
  const database = await openConfiguredDatabase(config);
  await seedReference(database.db);
  if (config.demo) await seedDemo(database.db);
  const app = await buildApp({ database, config });

  let closing = false;
  let notificationJob: Scheduler | undefined;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 15_000);
    try {
      await notificationJob?.stop();
      await app.close();
      await database.close();
    } finally {
      clearTimeout(timer);
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  // Reminders and notification delivery; safe to run in every instance (advisory lock + dedupe keys).
  const intervalMs = notificationIntervalMs();
  if (intervalMs > 0) {
    notificationJob = startNotificationScheduler({ db: database.db, now: () => new Date(), channel: config.smtpUrl ? smtpChannel({ url: config.smtpUrl, from: config.smtpFrom }) : logChannel(app.log), sources: REMINDER_SOURCES, log: app.log, intervalMs });
  }
  app.log.info(
    { database: database.engine, dataDir: config.databaseUrl ? undefined : config.dataDir, demo: config.demo, ms: Date.now() - started },
    `Tashil is listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`,
  );
  return app;
}
