// The npm registry reachable here serves only some platforms' prebuilt binaries (e.g. Biome's linux-x64
// but not its darwin or win32 builds). `npm install` then leaves those optional packages out of
// package-lock.json and `npm ci` refuses the lockfile as out of sync. This adds a stub entry (version,
// os, cpu, optional) for each such platform package, which npm skips on every other platform.
// Usage: node scripts/lockfile-platforms.mjs [--check]   (--check: exit 1 if a stub is missing)
import { readFileSync, writeFileSync } from 'node:fs';

const PLATFORM =
  /-(android|darwin|linux|win32|freebsd|openbsd|sunos|aix)-(arm64|x64|ia32|arm|ppc64|s390x|riscv64)(?:-(musl|gnu|msvc))?$/;
const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const added = [];
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const target = `node_modules/${name}`;
    if (lock.packages[target]) continue;
    const match = PLATFORM.exec(name);
    if (!match) continue;
    const [, os, cpu, libc] = match;
    lock.packages[target] = {
      version,
      optional: true,
      ...(entry.dev ? { dev: true } : {}),
      os: [os],
      cpu: [cpu],
      ...(libc === 'musl' || libc === 'gnu' ? { libc: [libc === 'gnu' ? 'glibc' : 'musl'] } : {}),
    };
    added.push(`${name}@${version} (for ${key || 'root'})`);
  }
}
if (process.argv.includes('--check')) {
  if (added.length > 0) {
    console.error(
      `package-lock.json lacks platform packages (run node scripts/lockfile-platforms.mjs):\n  ${added.join('\n  ')}`,
    );
    process.exit(1);
  }
  console.log('Lockfile platform packages: ok');
} else {
  const sorted = Object.fromEntries(
    Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
  );
  writeFileSync(file, `${JSON.stringify({ ...lock, packages: sorted }, null, 2)}\n`);
  console.log(
    added.length ? `Added ${added.length} platform stubs:\n  ${added.join('\n  ')}` : 'Nothing to add.',
  );
}
