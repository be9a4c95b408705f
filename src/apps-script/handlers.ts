/**
 * Handler names are data: the menu, the triggers and the tests use this one object, and each
 * name is a function exported by main.ts (the build turns every export into a global).
 */
export const HANDLERS = {
  setup: "menuSetup",
  check: "menuCheck",
} as const;

export type HandlerName = (typeof HANDLERS)[keyof typeof HANDLERS];
