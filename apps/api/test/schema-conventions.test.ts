import { getNamedType, GraphQLSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType } from 'graphql';
import { buildBareSchema } from '../src/graphql/schema';

/**
 * The schema's naming conventions, checked on the built schema the way test/permissions.test.ts checks the permission
 * map: each rule lists its offenders by name, so a failure says what to fix.
 */
let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildBareSchema();
});

const ownTypes = () => Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__'));
const UPPER_CASE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

describe('the schema conventions', () => {
  it('spell every enum value in UPPER_CASE (the database keeps its own text; the enum maps between them)', () => {
    const offenders = ownTypes()
      .filter(isEnumType)
      .flatMap((e) =>
        e
          .getValues()
          .filter((v) => !UPPER_CASE.test(v.name))
          .map((v) => `${e.name}.${v.name}`),
      );
    expect(offenders).toEqual([]);
  });

  it('describe every connection, edge and page-info type and field (the connection factory writes them once)', () => {
    const generated = ownTypes()
      .filter(isObjectType)
      .filter((t) => /(Connection|Edge)$/.test(t.name) || t.name === 'PageInfo');
    const offenders = generated.flatMap((t) => [
      ...(t.description ? [] : [t.name]),
      ...Object.values(t.getFields())
        .filter((f) => !f.description)
        .map((f) => `${t.name}.${f.name}`),
    ]);
    expect(generated.length).toBeGreaterThan(10);
    expect(offenders).toEqual([]);
  });

  it('describe every argument of a list (first, after, last, before and the rest)', () => {
    const offenders = Object.values(schema.getQueryType()!.getFields()).flatMap((f) =>
      f.args.filter((a) => ['first', 'after', 'last', 'before'].includes(a.name) && !a.description).map((a) => `Query.${f.name}(${a.name})`),
    );
    expect(offenders).toEqual([]);
  });

  it('order lists with one input shape, { field, direction }, and no two orderings over the same fields', () => {
    const orderings = ownTypes()
      .filter(isInputObjectType)
      .filter((t) => t.name.endsWith('Order'));
    const misshapen = orderings.filter((t) => {
      const fields = t.getFields();
      return (
        Object.keys(fields).sort().join() !== 'direction,field' ||
        String(fields.direction.type) !== 'OrderDirection!' ||
        !isEnumType(getNamedType(fields.field.type))
      );
    });
    expect(orderings.length).toBeGreaterThan(2);
    expect(misshapen.map((t) => t.name)).toEqual([]);
    const byValues = new Map<string, string[]>();
    for (const t of orderings) {
      const field = getNamedType(t.getFields().field.type);
      const key = isEnumType(field)
        ? field
            .getValues()
            .map((v) => v.name)
            .sort()
            .join()
        : '';
      byValues.set(key, [...(byValues.get(key) ?? []), t.name]);
    }
    expect([...byValues.values()].filter((names) => names.length > 1)).toEqual([]);
  });

  it('make the node of every connection a Node, fetchable by node(id:)', () => {
    // A deleted item is a tombstone listing a deleted object by that object's own id, which node(id:) answers once it is restored.
    const tombstones = ['DeletedItem'];
    const connections = ownTypes()
      .filter(isObjectType)
      .filter((t) => t.name.endsWith('Connection') && t.getFields().nodes);
    const offenders = connections
      .map((t) => getNamedType(t.getFields().nodes.type))
      .filter((n) => !isObjectType(n) || !n.getInterfaces().some((i) => i.name === 'Node'))
      .map((n) => n.name)
      .filter((name) => !tombstones.includes(name));
    expect(connections.length).toBeGreaterThan(10);
    expect(offenders).toEqual([]);
  });

  it('give objects, not their ids: no output field <x>Id where <X> is a type of the schema', () => {
    const typeNames = new Set(ownTypes().map((t) => t.name.toLowerCase()));
    const offenders = ownTypes()
      .filter((t) => isObjectType(t) || isInterfaceType(t))
      .flatMap((t) =>
        Object.keys((t as { getFields(): Record<string, unknown> }).getFields())
          .filter((f) => f.endsWith('Id') && typeNames.has(f.slice(0, -2).toLowerCase()))
          .map((f) => `${t.name}.${f}`),
      );
    expect(offenders).toEqual([]);
  });

  it('change a lifecycle with verbs: no ...StatusChange mutation, no status argument on an update', () => {
    const mutations = Object.values(schema.getMutationType()!.getFields());
    const statusArgs = (f: (typeof mutations)[number]) =>
      f.args.flatMap((a) => {
        const input = getNamedType(a.type);
        return [a.name, ...(isInputObjectType(input) ? Object.keys(input.getFields()) : [])].filter((n) => n === 'status' || n === 'statuses');
      });
    const offenders = [
      ...mutations.filter((f) => /StatusChange$/.test(f.name)).map((f) => f.name),
      ...mutations.filter((f) => /Update$/.test(f.name) && statusArgs(f).length > 0).map((f) => `${f.name}(status)`),
    ];
    expect(offenders).toEqual([]);
  });

  it('hand resolvers the database text of an enum value, not its GraphQL name', () => {
    const status = schema.getType('AgentStatus');
    if (!isEnumType(status)) throw new Error('AgentStatus is not an enum');
    expect(status.parseValue('DEPLOYED')).toBe('deployed');
    expect(status.serialize('deployed')).toBe('DEPLOYED');
    expect(() => status.parseValue('deployed')).toThrow(/does not exist/);
  });
  it('describe every type, input, enum, field and argument (what it means, for an analyst in GraphiQL)', () => {
    const offenders = ownTypes().flatMap((t) => {
      if (isScalarType(t) && ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(t.name)) return [];
      const own = t.description ? [] : [t.name];
      if (isObjectType(t) || isInterfaceType(t)) {
        return [
          ...own,
          ...Object.values(t.getFields()).flatMap((f) => [
            ...(f.description ? [] : [`${t.name}.${f.name}`]),
            ...f.args.filter((a) => !a.description).map((a) => `${t.name}.${f.name}(${a.name})`),
          ]),
        ];
      }
      if (isInputObjectType(t))
        return [
          ...own,
          ...Object.values(t.getFields())
            .filter((f) => !f.description)
            .map((f) => `${t.name}.${f.name}`),
        ];
      return own;
    });
    expect(offenders).toEqual([]);
  });
});
