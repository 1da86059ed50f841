// `npm run reset`: deletes the embedded database and local files (ATELIER_DATA_DIR, default .atelier/).
// The next `npm start` recreates the demo studios.
import { rmSync } from 'node:fs';
import path from 'node:path';

const dataDir = path.resolve(process.env.ATELIER_DATA_DIR ?? '.atelier');
rmSync(dataDir, { recursive: true, force: true });
console.log(`Removed ${dataDir}. The next npm start begins with fresh demo studios.`);
