export { computedOf, joinedOf, ReadModel } from './read-model';
export type { ComputedField, JsonReadPlan, ReadModelSpec, ReadPlan } from './read-model';
export {
  byIds,
  forgetReads,
  readById,
  readByIdFor,
  readByParentFor,
  readList,
  readLoaderKey,
  readOne,
  readPage,
  readRows,
  NamedParams,
  SqlParams,
} from './reads';
export type { PageOrder, ParamSink, ReadQuery } from './reads';
export { Selection } from './selection';
