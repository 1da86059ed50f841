import { defineConfig } from 'drizzle-kit';

// Every module and platform piece declares its own tables in *.tables.ts; one migration history.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/**/*.tables.ts',
  out: './drizzle',
});
