/** What other pages may embed from this module; everything else in the folder is its own business. */
export { DeleteAction } from './DeleteAction';
