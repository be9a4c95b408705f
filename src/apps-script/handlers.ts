/**
 * Handler names are data: the menu, the triggers and the tests use this one object, and each
 * name is a function exported by main.ts (the build turns every export into a global).
 */
export const HANDLERS = {
  sidebar: "openSidebar",
  setup: "menuSetup",
  check: "menuCheck",
  schedule: "menuSchedule",
  notices: "menuNotices",
  journals: "menuJournals",
  report: "menuReport",
  monthlyOn: "menuMonthlyOn",
  monthlyOff: "menuMonthlyOff",
  monthlyReport: "monthlyReport",
  continueReport: "continueMonthlyReport",
  continueJournals: "continueJournals",
  createForm: "menuCreateForm",
  parentLinks: "menuParentLinks",
  letters: "menuLetters",
  feedbackSubmit: "onFeedbackSubmit",
  continueLetters: "continueLetters",
  presence: "menuPresence",
  presenceUpload: "presenceUpload",
  presencePicked: "presencePicked",
  attestation: "menuAttestation",
  attestationNotices: "menuAttestationNotices",
  transfer: "menuTransfer",
  journalBook: "menuJournalBook",
  journalSync: "journalBookHourly",
  periodLetters: "menuPeriodLetters",
  periodReport: "menuPeriodReport",
  // Issue 17: the student card and its continuation.
  cards: "menuStudentCard",
  continueCards: "continueStudentCards",
} as const;

export type HandlerName = (typeof HANDLERS)[keyof typeof HANDLERS];
