// Lint rule for apps/api/src: a module imports another module only through that module's index.ts, and
// the platform layer imports no module at all. Run by `npm run lint`; exits 1 listing every violation.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every .ts file under dir. */
function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The violations in the tree rooted at apiSrc (apps/api/src), as readable lines. */
export function findViolations(apiSrc) {
  const modulesDir = path.join(apiSrc, 'modules');
  const platformDir = path.join(apiSrc, 'platform');
  const moduleOf = (file) => {
    const relative = path.relative(modulesDir, file);
    // modules/index.ts (the wiring entry) sits beside the modules and belongs to none.
    if (relative.startsWith('..') || !relative.includes(path.sep)) return undefined;
    return relative.split(path.sep)[0];
  };
  const violations = [];
  for (const file of sourceFiles(apiSrc)) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2];
      if (!specifier?.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), specifier);
      const targetModule = moduleOf(target);
      if (!targetModule) continue;
      const where = `${path.relative(apiSrc, file)} imports '${specifier}'`;
      if (file.startsWith(platformDir + path.sep)) {
        violations.push(`${where}: the platform layer must not depend on a module`);
        continue;
      }
      const fromModule = moduleOf(file);
      const isIndex =
        path.relative(path.join(modulesDir, targetModule), target).replace(/\.[jt]s$/, '') === 'index';
      if (fromModule !== targetModule && !isIndex) {
        violations.push(`${where}: use '${targetModule}/index.js', not its internals`);
      }
    }
  }
  return violations;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const apiSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../apps/api/src');
  const violations = findViolations(apiSrc);
  if (violations.length > 0) {
    console.error(
      `Module boundary violations (${violations.length}):\n${violations.map((v) => `  - ${v}`).join('\n')}`,
    );
    process.exit(1);
  }
  console.log('Module boundaries: ok');
}
