// Validates every operation and fragment the web app sends against the API's committed schema,
// file by file, so a breaking schema change names the component that breaks.
import { CodeFileLoader } from '@graphql-tools/code-file-loader';
import { GraphQLFileLoader } from '@graphql-tools/graphql-file-loader';
import { loadDocuments, loadSchema } from '@graphql-tools/load';
import { Kind, NoUnusedFragmentsRule, specifiedRules, validate } from 'graphql';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('..', import.meta.url));
process.chdir(web);
const SCHEMA = '../../packages/schema/schema.graphql';
const DOCUMENTS = ['src/**/*.{ts,tsx}', '!src/gql/**/*', '!src/**/*.test.{ts,tsx}'];

const schema = await loadSchema(SCHEMA, { loaders: [new GraphQLFileLoader()] });
const sources = await loadDocuments(DOCUMENTS, {
  loaders: [new CodeFileLoader({ pluckConfig: { skipIndent: true, globalGqlIdentifierName: ['graphql', 'gql'] } })],
});

const fragments = new Map();
const operationFiles = new Map();
const problems = [];
for (const source of sources) {
  for (const definition of source.document.definitions) {
    const name = definition.name?.value;
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      if (fragments.has(name)) problems.push(`${relative(web, source.location)}: fragment ${name} is also defined elsewhere`);
      fragments.set(name, definition);
    } else if (definition.kind === Kind.OPERATION_DEFINITION) {
      if (!name) problems.push(`${relative(web, source.location)}: every operation needs a name`);
      else if (operationFiles.has(name)) problems.push(`${relative(web, source.location)}: operation ${name} is also defined in ${operationFiles.get(name)}`);
      operationFiles.set(name, relative(web, source.location));
    }
  }
}

// A file's fragments may be spread elsewhere, so unused ones are not an error within one file.
const rules = specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule);
let operations = 0;
for (const source of sources) {
  const own = new Set(source.document.definitions.map((d) => d.name?.value));
  const others = [...fragments.entries()].filter(([name]) => !own.has(name)).map(([, d]) => d);
  const document = { ...source.document, definitions: [...source.document.definitions, ...others] };
  operations += source.document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
  for (const error of validate(schema, document, rules)) problems.push(`${relative(web, source.location)}: ${error.message}`);
}

if (sources.length === 0) problems.push('no GraphQL documents were found under src/');
if (problems.length) {
  console.error(`operations:validate: ${problems.length} problem(s) against ${SCHEMA}:`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`operations:validate: ${operations} operations and ${fragments.size} fragments in ${sources.length} files are valid against the schema`);
