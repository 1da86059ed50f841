// Lint rule for apps/api/src: a module imports another module only through that module's index.ts, and
// the platform layer imports no module at all. Test code may also use a module's testing.ts, its entry for
// test helpers and stand-ins, kept out of index.ts; and no code the app runs may import test code at all
// (testing.ts files, testing/ folders, test fixtures), so stand-in servers never load in production. Run by `npm run lint`; exits 1 listing every violation.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Test code: test files, their fixtures, and testing helpers (testing.ts, *.testing.ts, a testing/ folder). */
function isTestCode(file) {
  // Import specifiers name the built file (.js); the tree holds the source (.ts).
  const name = path.basename(file).replace(/\.[jt]s$/, '');
  return (
    /\.test$|\.test-fixtures$|\.testing$/.test(name) ||
    name === 'testing' ||
    file.split(path.sep).includes('testing')
  );
}

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
      const where = `${path.relative(apiSrc, file)} imports '${specifier}'`;
      if (isTestCode(target) && !isTestCode(file)) {
        violations.push(`${where}: test code, for tests only`);
        continue;
      }
      const targetModule = moduleOf(target);
      if (!targetModule) continue;
      if (file.startsWith(platformDir + path.sep)) {
        violations.push(`${where}: the platform layer must not depend on a module`);
        continue;
      }
      const fromModule = moduleOf(file);
      if (fromModule === targetModule) continue;
      const entry = path.relative(path.join(modulesDir, targetModule), target).replace(/\.[jt]s$/, '');
      if (entry !== 'index' && entry !== 'testing') {
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
