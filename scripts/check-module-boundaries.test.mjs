import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findViolations } from './check-module-boundaries.mjs';

function tree(files) {
  const root = mkdtempSync(path.join(tmpdir(), 'boundaries-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  return root;
}

describe('module boundary rule', () => {
  it("refuses an import of another module's internals", () => {
    const root = tree({
      'modules/orders/orders.service.ts': "import { catalogItems } from '../catalog/catalog.tables.js';\n",
      'modules/catalog/catalog.tables.ts': 'export const catalogItems = 1;\n',
    });
    expect(findViolations(root)).toEqual([
      "modules/orders/orders.service.ts imports '../catalog/catalog.tables.js': use 'catalog/index.js', not its internals",
    ]);
  });

  it("allows another module's index and a module's own files", () => {
    const root = tree({
      'modules/orders/orders.service.ts':
        "import { x } from '../catalog/index.js';\nimport { y } from './orders.tables.js';\n",
      'modules/orders/orders.tables.ts': 'export const y = 1;\n',
      'modules/catalog/index.ts': 'export const x = 1;\n',
    });
    expect(findViolations(root)).toEqual([]);
  });

  it('refuses a platform file that depends on a module', () => {
    const root = tree({
      'platform/events/bus.ts': "import { x } from '../../modules/catalog/index.js';\n",
      'modules/catalog/index.ts': 'export const x = 1;\n',
    });
    expect(findViolations(root)).toHaveLength(1);
  });
});
