// Child process for crash.test.ts: commits events as fast as it can and reports each id only after its
// transaction committed. The test kills it with SIGKILL mid-burst. Usage: burst-writer <pglite-dir|postgres-url>
import { openDatabase } from '../../db/index.js';
import { emit } from '../outbox.js';

const target = process.argv[2] ?? '';
const database = await openDatabase(
  target.startsWith('postgres') ? { databaseUrl: target } : { dataDir: target },
);
process.stdout.write('ready\n');
for (let n = 0; ; n++) {
  const id = await database.transaction(async (tx) => {
    const eventId = await emit(tx, { type: 'test.burst.written', studioId: null, payload: { n } });
    // A second statement in the same transaction, so a half-done transaction would be visible.
    await emit(tx, { type: 'test.burst.shadow', studioId: null, payload: { of: eventId } });
    return eventId;
  });
  process.stdout.write(`committed ${id}\n`);
}
