import { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';

function collect(set: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, into: Map<string, FieldNode[]>): void {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      const list = into.get(selection.name.value);
      if (list) list.push(selection);
      else into.set(selection.name.value, [selection]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collect(selection.selectionSet, fragments, into);
    } else {
      collect(fragments[selection.name.value]?.selectionSet, fragments, into);
    }
  }
}

/**
 * The fields a query selects on the objects a field returns, with what it selects under each of
 * them, merged over aliases and fragments (of any type condition: a superset is always safe).
 */
export class Selection {
  private readonly fields = new Map<string, FieldNode[]>();

  private constructor(nodes: readonly FieldNode[], private readonly fragments: Record<string, FragmentDefinitionNode>) {
    for (const node of nodes) collect(node.selectionSet, fragments, this.fields);
  }

  /** What is selected on the object(s) the resolving field returns; for a connection, on its nodes (`nodes` and `edges.node`). */
  static of(info: GraphQLResolveInfo, connection = false): Selection {
    const own = new Selection(info.fieldNodes, info.fragments);
    if (!connection) return own;
    const edges = own.child('edges');
    return new Selection([...(own.fields.get('nodes') ?? []), ...(edges.fields.get('node') ?? [])], info.fragments);
  }

  has(field: string): boolean {
    return this.fields.has(field);
  }

  names(): IterableIterator<string> {
    return this.fields.keys();
  }

  /** What is selected under `field`, empty when it is not selected. */
  child(field: string): Selection {
    return new Selection(this.fields.get(field) ?? [], this.fragments);
  }
}
