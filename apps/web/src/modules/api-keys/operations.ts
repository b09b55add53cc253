import { type ASTNode, type DocumentNode, type FragmentDefinitionNode, Kind, parse, print, visit } from 'graphql';

/** The fragments a definition uses, directly or through other fragments. */
function fragmentsUsed(root: ASTNode, all: Map<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const walk = (node: ASTNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = all.get(spread.name.value);
        if (fragment && !used.has(fragment.name.value)) {
          used.set(fragment.name.value, fragment);
          walk(fragment);
        }
      },
    });
  walk(root);
  return [...used.values()];
}

/**
 * The named operations in pasted GraphQL text, each as its own document with the fragments it uses,
 * or the problem with the text. Empty text: none.
 */
export function operationsOf(text: string): { documents: string[]; problem: string | null } {
  if (!text.trim()) return { documents: [], problem: null };
  let document: DocumentNode;
  try {
    document = parse(text);
  } catch (error) {
    return { documents: [], problem: `This is not valid GraphQL: ${(error as Error).message.replace(/^Syntax Error: /, '')}` };
  }
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operations.length) return { documents: [], problem: 'Paste at least one query or mutation' };
  if (operations.some((o) => !o.name))
    return { documents: [], problem: 'Give every operation a name, e.g. "query AgentInventory { … }": keys allow operations by name' };
  return { documents: operations.map((operation) => [operation, ...fragmentsUsed(operation, fragments)].map((d) => print(d)).join('\n\n')), problem: null };
}
