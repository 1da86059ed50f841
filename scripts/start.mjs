// `npm start`: build whatever is missing or older than its sources, then run the app (API + web on one
// origin, embedded PGlite under .atelier/, in-process workers). Arguments are passed to the app.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ignored = new Set(['node_modules', 'dist', '.next', '.atelier']);

/** Newest modification time under `dir`, skipping build output. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    // Build output and files that builds themselves rewrite must not make the build look stale.
    if (ignored.has(entry.name) || entry.name.endsWith('.tsbuildinfo') || entry.name === 'next-env.d.ts')
      continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

const stale = (output, ...sources) =>
  !existsSync(output) ||
  Math.max(...sources.map((source) => newest(path.join(root, source)))) > statSync(output).mtimeMs;

const steps = [
  {
    name: 'API',
    output: 'apps/api/dist/main.js',
    sources: ['apps/api/src', 'apps/api/drizzle'],
    workspace: '@atelier/api',
  },
  {
    name: 'SDK',
    output: 'packages/sdk/dist/index.js',
    sources: ['packages/sdk/src'],
    workspace: '@atelier/sdk',
  },
  {
    name: 'web app',
    output: 'apps/web/.next/BUILD_ID',
    sources: ['apps/web', 'packages/sdk/src'],
    workspace: '@atelier/web',
  },
];

for (const step of steps) {
  if (!stale(path.join(root, step.output), ...step.sources)) continue;
  console.log(`Building the ${step.name} (first start or sources changed)...`);
  const result = spawnSync('npm', ['run', 'build', '-w', step.workspace], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const app = spawn(process.execPath, [path.join(root, 'apps/api/dist/main.js'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
// Ctrl-C reaches the app directly (same process group); forward other stops and mirror its exit.
for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => app.kill(signal));
process.on('SIGINT', () => {});
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
