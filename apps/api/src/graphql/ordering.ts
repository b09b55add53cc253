import { Field, InputType, registerEnumType } from 'type-graphql';
import { OrderDirection } from './connection';

export enum NamedOrderField {
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
  NAME = 'NAME',
}
registerEnumType(NamedOrderField, {
  name: 'NamedOrderField',
  description: 'How a list of named things (agents, models, policies) is ordered',
  valuesConfig: {
    CREATED_AT: { description: 'When it was created' },
    UPDATED_AT: { description: 'When it was last changed' },
    NAME: { description: 'Name, case-insensitively' },
  },
});

@InputType({ description: 'Order of a list of named things; newest first when not given' })
export class NamedOrder {
  @Field(() => NamedOrderField, { description: 'What to sort by' }) field: NamedOrderField;
  @Field(() => OrderDirection, { description: 'Ascending or descending' }) direction: OrderDirection;
}

/** The keyset sort for `order` over table alias `alias` (name compares case-insensitively). */
export function namedSort(alias: string, order: NamedOrder | null): { column: string; id: string; direction: OrderDirection; cast: string } {
  const field = order?.field ?? NamedOrderField.CREATED_AT;
  const column = {
    [NamedOrderField.CREATED_AT]: `${alias}.created_at`,
    [NamedOrderField.UPDATED_AT]: `${alias}.updated_at`,
    [NamedOrderField.NAME]: `lower(${alias}.name)`,
  }[field];
  return { column, id: `${alias}.id`, direction: order?.direction ?? OrderDirection.DESC, cast: field === NamedOrderField.NAME ? 'text' : 'timestamptz' };
}
