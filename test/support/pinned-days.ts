/**
 * The days every date-sensitive suite is also run at: the first day of school, New Year's
 * Eve in the winter break, a leap day, and a summer day after the year has ended. Each row
 * says what a person would expect on that day, worked out by hand from the calendar.
 */
export interface PinnedDay {
  /** The instant (noon in Moscow, so the calendar day is the same in UTC). */
  at: string;
  today: string;
  /** The school year that is running or being prepared (for a new workbook). */
  schoolYear: number;
  /** The year the demo shows: the running one from October, else the one just ended. */
  demoYear: number;
  /** The month a report is for by default: the previous one, or the last with lessons. */
  reportMonth: string;
  /** The month the trigger of the 1st would report, and whether it has lessons. */
  triggerMonth: string;
  triggerRuns: boolean;
  /** G01 (Mon, Wed 14:00): today's lesson, else the last one before today. */
  g01Lesson: string;
  /** G02 (Tue, Thu 14:00). */
  g02Lesson: string;
}

export const PINNED_DAYS: readonly PinnedDay[] = [
  {
    // Tuesday. The 2026/27 year has no lessons yet; the demo shows 2025/26, which ended on
    // Tuesday 26 May 2026, so its last Monday lesson is 25 May and its last Tuesday one 26 May.
    at: "2026-09-01T09:00:00Z",
    today: "2026-09-01",
    schoolYear: 2026,
    demoYear: 2025,
    reportMonth: "2026-05",
    triggerMonth: "2026-08",
    triggerRuns: false,
    g01Lesson: "2026-05-25",
    g02Lesson: "2026-05-26",
  },
  {
    // Thursday in the winter break (29.12–11.01): the last lessons were Mon 28 and (G02 has
    // none on Tue 29) Thu 24 December.
    at: "2026-12-31T09:00:00Z",
    today: "2026-12-31",
    schoolYear: 2026,
    demoYear: 2026,
    reportMonth: "2026-11",
    triggerMonth: "2026-11",
    triggerRuns: true,
    g01Lesson: "2026-12-28",
    g02Lesson: "2026-12-24",
  },
  {
    // Tuesday, a leap day: G02 has today's lesson; G01's last was Monday 28 February.
    at: "2028-02-29T09:00:00Z",
    today: "2028-02-29",
    schoolYear: 2027,
    demoYear: 2027,
    reportMonth: "2028-01",
    triggerMonth: "2028-01",
    triggerRuns: true,
    g01Lesson: "2028-02-28",
    g02Lesson: "2028-02-29",
  },
  {
    // Saturday in the summer: the year ended on Wednesday 26 May 2027; June has no lessons.
    at: "2027-07-10T09:00:00Z",
    today: "2027-07-10",
    schoolYear: 2026,
    demoYear: 2026,
    reportMonth: "2027-05",
    triggerMonth: "2027-06",
    triggerRuns: false,
    g01Lesson: "2027-05-26",
    g02Lesson: "2027-05-25",
  },
];
