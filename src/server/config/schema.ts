/**
 * JSON Schemas for kiosk-config/*.json, generated from the valibot schemas in src/shared/config.ts so editors
 * can validate the files: `npm run config:schema` writes kiosk-config/schema/<file>.schema.json.
 * A config file is either a bare array or `{ "$schema": "./schema/<file>.schema.json", "<name>": [ … ] }`.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as v from 'valibot';
import { toJsonSchema } from '@valibot/to-json-schema';
import { SiteSchema, StaffSchema, WindowSchema } from '../../shared/config';

/** The config files, the key of their array in the object form, and the schema of one item. */
export const CONFIG_FILES = [
  { file: 'sites.json', key: 'sites', item: SiteSchema, title: 'Service halls (sites)' },
  { file: 'windows.json', key: 'windows', item: WindowSchema, title: 'Service windows' },
  { file: 'staff.json', key: 'staff', item: StaffSchema, title: 'Window staff' },
] as const satisfies readonly { file: string; key: string; item: v.GenericSchema; title: string }[];

/** `sites.json` → `sites.schema.json` */
export const schemaFileName = (file: string) => file.replace(/\.json$/, '.schema.json');

/** Marks every object closed, as the loader is: an editor then flags a misspelt field the way the endpoint does. */
function closeObjects(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(closeObjects);
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o.type === 'object' && o.properties && o.additionalProperties === undefined) o.additionalProperties = false;
  Object.values(o).forEach(closeObjects);
}

/** The JSON Schema of one config file, both forms allowed. */
export function configJsonSchema(entry: (typeof CONFIG_FILES)[number]): Record<string, unknown> {
  const item = toJsonSchema(entry.item, { errorMode: 'throw' }) as Record<string, unknown>;
  delete item.$schema;
  closeObjects(item);
  const list = { type: 'array', items: item };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://window-feedback.local/kiosk-config/schema/${schemaFileName(entry.file)}`,
    title: `kiosk-config/${entry.file}: ${entry.title}`,
    description: 'Generated from src/shared/config.ts by `npm run config:schema`; do not edit by hand.',
    anyOf: [
      list,
      {
        type: 'object',
        properties: { $schema: { type: 'string' }, [entry.key]: list },
        required: [entry.key],
        additionalProperties: false,
      },
    ],
  };
}

/** Writes every schema into `<configDir>/schema/`. */
export function writeConfigSchemas(configDir: string): string[] {
  const dir = join(configDir, 'schema');
  mkdirSync(dir, { recursive: true });
  return CONFIG_FILES.map((entry) => {
    const path = join(dir, schemaFileName(entry.file));
    writeFileSync(path, JSON.stringify(configJsonSchema(entry), null, 2) + '\n');
    return path;
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = resolve(process.env.CONFIG_DIR ?? join(import.meta.dirname, '../../../kiosk-config'));
  for (const p of writeConfigSchemas(dir)) console.log(`wrote ${p}`);
}
