export { SqlCompiler } from './compiler';
export { RawJsonData, stringifyResult } from './raw-json';
export { column, globalId, many, one, sqlObject, sqlObjectFromReadModel, sqlRoot, value } from './sql-objects';
export type { RootBuild, RootStatement, SqlField, SqlFields, SqlRoot } from './sql-objects';
