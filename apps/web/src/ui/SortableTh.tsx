import { Group, Table, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { OrderDirection } from '../gql/graphql';

export interface SortOrder<F extends string> {
  field: F;
  direction: OrderDirection;
}

/** A list's order as the API's orderBy takes it: choosing the sorted column again reverses it. */
export function useSortOrder<F extends string>(initial: SortOrder<F>) {
  const [order, setOrder] = useState<SortOrder<F>>(initial);
  const sortBy = (field: F, first: OrderDirection = OrderDirection.Asc) =>
    setOrder((current) =>
      current.field === field
        ? { field, direction: current.direction === OrderDirection.Asc ? OrderDirection.Desc : OrderDirection.Asc }
        : { field, direction: first },
    );
  return { order, sortBy };
}

interface SortableThProps<F extends string> {
  field: F;
  order: SortOrder<F>;
  onSort: (field: F, first?: OrderDirection) => void;
  /** The direction a first click sorts in: names A→Z, dates newest first. */
  first?: OrderDirection;
  children: ReactNode;
}

/** A column header that sorts the list on the server; says its state to assistive technology with aria-sort. */
export function SortableTh<F extends string>({ field, order, onSort, first = OrderDirection.Asc, children }: SortableThProps<F>) {
  const active = order.field === field;
  const ascending = order.direction === OrderDirection.Asc;
  const Icon = !active ? IconArrowsSort : ascending ? IconArrowUp : IconArrowDown;
  return (
    <Table.Th aria-sort={active ? (ascending ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton onClick={() => onSort(field, first)} fw={700} fz="sm" data-testid={`sort-${field}`}>
        <Group gap={4} wrap="nowrap">
          {children}
          <Icon size={14} stroke={1.8} aria-hidden opacity={active ? 1 : 0.45} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
