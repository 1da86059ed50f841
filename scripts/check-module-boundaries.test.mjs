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

  it("allows another module's testing entry from test code only", () => {
    const root = tree({
      'modules/orders/orders.checkout.test.ts': "import * as t from '../payments/testing.js';\n",
      'modules/orders/orders.test-fixtures.ts': "import * as t from '../payments/testing.js';\n",
      'modules/orders/orders.service.ts': "import * as t from '../payments/testing.js';\n",
      'testing/requests.ts': "import * as t from '../modules/payments/testing.js';\n",
      'modules/payments/testing.ts': "export * from './testing/stripe-stand-in.js';\n",
      'modules/payments/testing/stripe-stand-in.ts': 'export const x = 1;\n',
    });
    expect(findViolations(root)).toEqual([
      "modules/orders/orders.service.ts imports '../payments/testing.js': test code, for tests only",
    ]);
  });

  it('refuses test code imported by code the app runs, inside a module or out of one', () => {
    const root = tree({
      'modules/payments/billing.service.ts': "import { x } from './testing/stripe-stand-in.js';\n",
      'modules/payments/testing/stripe-stand-in.ts': 'export const x = 1;\n',
      'app.ts': "import { y } from './platform/db/testing.js';\n",
      'platform/db/testing.ts': 'export const y = 1;\n',
      'testing.ts': "import { y } from './platform/db/testing.js';\n",
    });
    expect(findViolations(root)).toEqual([
      "app.ts imports './platform/db/testing.js': test code, for tests only",
      "modules/payments/billing.service.ts imports './testing/stripe-stand-in.js': test code, for tests only",
    ]);
  });

  it('refuses a platform file that depends on a module', () => {
    const root = tree({
      'platform/events/bus.ts': "import { x } from '../../modules/catalog/index.js';\n",
      'modules/catalog/index.ts': 'export const x = 1;\n',
    });
    expect(findViolations(root)).toHaveLength(1);
  });
});
