/** Opens the database, seeds what is missing, listens, and closes gracefully on SIGTERM/SIGINT. */
import { loadConfig, type Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { buildApp } from './app.js';
import { seedReference } from './seed/reference.js';
import { seedDemo } from './seed/demo.js';
import { smtpChannel } from './modules/notifications/smtp-channel.js';
import { logChannel, notificationIntervalMs, startNotificationScheduler, type Scheduler } from './modules/notifications/notifications.job.js';
import { REMINDER_SOURCES } from './modules/notifications/reminder-sources.js';
import { createSmsDriver, startSmsWorker, type SmsWorker } from './modules/sms/sms.job.js';
import { allChannels, smsNotificationChannel } from './modules/sms/sms.channel.js';
import { describeSmsTarget } from './modules/sms/sms.url.js';

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
  // SMS delivery from the outbox; safe in every instance (rows claimed with SKIP LOCKED under a lease).
  const smsWorker: SmsWorker = startSmsWorker({ db: database.db, driver: createSmsDriver(config.sms, app.log), now: () => new Date(), log: app.log });
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 15_000);
    try {
      await notificationJob?.stop();
      await smsWorker.stop();
      await app.close();
      await database.close();
    } finally {
      clearTimeout(timer);
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await smsWorker.stop();
    throw err;
  }
  app.log.info({ sms: describeSmsTarget(config.sms) }, 'SMS delivery');
  // Reminders and notification delivery; safe to run in every instance (advisory lock + dedupe keys).
  // Notifications addressed to a producer's unit also go out by SMS to the unit's producers.
  const intervalMs = notificationIntervalMs();
  if (intervalMs > 0) {
    const primary = config.smtpUrl ? smtpChannel({ url: config.smtpUrl, from: config.smtpFrom }) : logChannel(app.log);
    const channel = allChannels(primary, smsNotificationChannel({ wake: () => smsWorker.wake() }));
    notificationJob = startNotificationScheduler({ db: database.db, now: () => new Date(), channel, sources: REMINDER_SOURCES, log: app.log, intervalMs });
  }
  app.log.info(
    { database: database.engine, dataDir: config.databaseUrl ? undefined : config.dataDir, demo: config.demo, ms: Date.now() - started },
    `Tashil is listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`,
  );
  return app;
}
