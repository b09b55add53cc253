/** What other pages embed: a member's GDPR actions (members page) and the person's own export (account page). */
export { PersonalDataActions } from './PersonalDataActions';
export { PersonalDataSection } from './PersonalDataSection';
