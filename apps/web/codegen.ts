import type { CodegenConfig } from '@graphql-codegen/cli';

/** The API's committed schema is the only input: no running server is needed to generate. */
export const SCHEMA = '../../packages/schema/schema.graphql';
export const DOCUMENTS = ['src/**/*.{ts,tsx}', '!src/gql/**/*', '!src/**/*.test.{ts,tsx}'];

const config: CodegenConfig = {
  schema: SCHEMA,
  documents: DOCUMENTS,
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumType: 'const',
        avoidOptionals: { field: true, inputValue: false },
        defaultScalarType: 'unknown',
        strictScalars: true,
        scalars: { DateTimeISO: 'string', JSONObject: 'Record<string, unknown>' },
        nonOptionalTypename: true,
        skipTypeNameForRoot: true,
      },
    },
  },
};

export default config;
