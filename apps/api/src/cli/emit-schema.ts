import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { schemaFile, schemaSdl } from '../graphql/schema-file';

schemaSdl().then((sdl) => {
  writeFileSync(schemaFile, sdl);
  process.stdout.write(`wrote ${schemaFile}\n`);
});
