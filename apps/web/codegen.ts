import type { CodegenConfig } from '@graphql-codegen/cli';

/** The API's committed schema is the only input: no running server is needed to generate. */
export const SCHEMA = '../../packages/schema/schema.graphql';
export const DOCUMENTS = ['src/**/*.{ts,tsx}', '!src/gql/**/*', '!src/**/*.test.{ts,tsx}'];
// scripts/codegen-check.mjs generates into a temporary folder and compares it with src/gql/.
const OUTPUT = process.env.STEWARD_CODEGEN_OUT ?? 'src/gql/';

const config: CodegenConfig = {
  schema: SCHEMA,
  documents: DOCUMENTS,
  ignoreNoDocuments: false,
  generates: {
    [OUTPUT]: {
      preset: 'client',
      // persisted-documents.json: every operation by its sha256 hash, the only ones the API runs for browser sessions when STEWARD_PERSISTED_ONLY is on.
      presetConfig: { fragmentMasking: { unmaskFunctionName: 'getFragmentData' }, persistedDocuments: { hashAlgorithm: 'sha256' } },
      config: {
        useTypeImports: true,
        enumType: 'const',
        avoidOptionals: { field: true, inputValue: false },
        defaultScalarType: 'unknown',
        // Scalars not listed here read as `unknown`: usable only after a check, never as `any`.
        scalars: { DateTimeISO: 'string', Decimal: 'string', JSONObject: 'Record<string, unknown>', LocalDate: 'string' },
        nonOptionalTypename: true,
        skipTypeNameForRoot: true,
      },
    },
  },
};

export default config;
