import type { CodegenConfig } from '@graphql-codegen/cli';
import { type DocumentNode, Kind, visit } from 'graphql';

/** The API's committed schema is the only input: no running server is needed to generate. */
export const SCHEMA = '../../packages/schema/schema.graphql';
export const DOCUMENTS = ['src/**/*.{ts,tsx}', '!src/gql/**/*', '!src/**/*.test.{ts,tsx}'];
// scripts/codegen-check.mjs generates into a temporary folder and compares it with src/gql/.
const OUTPUT = process.env.STEWARD_CODEGEN_OUT ?? 'src/gql/';

/**
 * Adds `__typename` where Apollo's cache would (every selection but an operation's root): persisted documents are
 * sent by hash and run as written, so they must ask for what the cache needs to tell types apart.
 */
const addTypename = {
  transform: ({ documents }: { documents: { document?: DocumentNode }[] }) =>
    documents.map((source) => ({
      ...source,
      document:
        source.document &&
        visit(source.document, {
          SelectionSet(node, _key, parent) {
            if ((parent as { kind?: string } | undefined)?.kind === Kind.OPERATION_DEFINITION) return undefined;
            if (node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename')) return undefined;
            return { ...node, selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }, ...node.selections] };
          },
        }),
    })),
};

const config: CodegenConfig = {
  schema: SCHEMA,
  documents: DOCUMENTS,
  ignoreNoDocuments: false,
  generates: {
    [OUTPUT]: {
      preset: 'client',
      documentTransforms: [addTypename],
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
