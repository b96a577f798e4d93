/** the organization's own contacts, shown next to each role in replies */
export { ContactsError, loadContacts, parseContacts } from './load.js';
export {
  contactsFileSchema,
  MAX_CONTACT_TEXT,
  MAX_CONTACT_URL,
  orgContactSchema,
} from './schema.js';
