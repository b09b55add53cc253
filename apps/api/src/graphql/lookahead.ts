import { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';

function collect(set: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, into: Map<string, FieldNode[]>): void {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      const list = into.get(selection.name.value) ?? [];
      list.push(selection);
      into.set(selection.name.value, list);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collect(selection.selectionSet, fragments, into);
    } else {
      collect(fragments[selection.name.value]?.selectionSet, fragments, into);
    }
  }
}

function children(nodes: readonly FieldNode[], info: GraphQLResolveInfo): Map<string, FieldNode[]> {
  const found = new Map<string, FieldNode[]>();
  for (const node of nodes) collect(node.selectionSet, info.fragments, found);
  return found;
}

/**
 * The field names selected on the objects this field returns — for a connection, on its nodes
 * (through `nodes` and `edges.node`). Lets a list fetch a relation with a join when it will be asked
 * for, instead of a second round trip; DataLoaders still serve whatever the join did not cover.
 */
export function selectedOnNodes(info: GraphQLResolveInfo, connection: boolean): Set<string> {
  let fields = children(info.fieldNodes, info);
  if (connection) {
    const edges = children(fields.get('edges') ?? [], info);
    const nodes = [...(fields.get('nodes') ?? []), ...(edges.get('node') ?? [])];
    fields = children(nodes, info);
  }
  return new Set(fields.keys());
}
