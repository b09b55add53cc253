import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { permissionsDoc, renderPermissionsMatrix } from '../auth/permissions-matrix';
import { allPermissions, buildBareSchema } from '../graphql/schema';

buildBareSchema().then((schema) => {
  writeFileSync(permissionsDoc, renderPermissionsMatrix(schema, allPermissions()));
  process.stdout.write(`wrote ${permissionsDoc}\n`);
});
