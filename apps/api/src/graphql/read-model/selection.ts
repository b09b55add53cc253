import {
  FieldNode,
  FragmentDefinitionNode,
  getArgumentValues,
  getNamedType,
  GraphQLNamedType,
  GraphQLResolveInfo,
  isObjectType,
  Kind,
  SelectionSetNode,
} from 'graphql';

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

  private constructor(
    nodes: readonly FieldNode[],
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    /** The type selected on, when it is an object type; arguments are read only against one. */
    private readonly type: GraphQLNamedType | undefined,
    private readonly variables: Record<string, unknown>,
  ) {
    for (const node of nodes) collect(node.selectionSet, fragments, this.fields);
  }

  /** What is selected on the object(s) the resolving field returns; for a connection, on its nodes (`nodes` and `edges.node`). */
  static of(info: GraphQLResolveInfo, connection = false): Selection {
    const own = new Selection(info.fieldNodes, info.fragments, getNamedType(info.returnType), info.variableValues);
    if (!connection) return own;
    const edges = own.child('edges');
    return new Selection(
      [...(own.fields.get('nodes') ?? []), ...(edges.fields.get('node') ?? [])],
      info.fragments,
      own.child('nodes').type,
      info.variableValues,
    );
  }

  has(field: string): boolean {
    return this.fields.has(field);
  }

  names(): IterableIterator<string> {
    return this.fields.keys();
  }

  /** What is selected under `field`, empty when it is not selected. */
  child(field: string): Selection {
    const definition = isObjectType(this.type) ? this.type.getFields()[field] : undefined;
    return new Selection(this.fields.get(field) ?? [], this.fragments, definition && getNamedType(definition.type), this.variables);
  }

  /** The arguments of each selection of `field` (one per alias or repetition), defaults applied; none when the type is abstract. */
  argumentsOf(field: string): Record<string, unknown>[] {
    const definition = isObjectType(this.type) ? this.type.getFields()[field] : undefined;
    if (!definition) return [];
    return (this.fields.get(field) ?? []).map((node) => getArgumentValues(definition, node, this.variables));
  }
}
