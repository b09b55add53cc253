/** What other pages may embed from this module; everything else in the folder is its own business. */
export { ConditionEditor } from './ConditionEditor';
export { type ConditionLanguage } from './cel-language';
