/** User errors live in the core (the Apps Script bundle uses them too); re-exported for Node code. */
export { isUserError, UserError, type UserErrorCode } from "../core/errors.js";
