/** Exports mask contacts with the one rule every screen uses (src/shared/contact.ts). */
export { maskContact } from '../../shared/contact';
