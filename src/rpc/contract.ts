/**
 * The sidebar's RPC contract: every method with its request and response, typed once.
 * The server (src/app/sidebar) implements it, the Apps Script global `sidebarRpc` and the
 * preview server dispatch to it, and the client (sidebar/src) gets it by `import type` only.
 *
 * Wire types are JSON types: what crosses google.script.run must survive JSON, so dates are
 * ISO strings ("YYYY-MM-DD", months "YYYY-MM", times "HH:MM") and there is no Date, Map, Set,
 * function or class anywhere below (test/rpc/contract.test.ts fails if one sneaks in).
 */

export type Lang = "ru" | "en";
/** "YYYY-MM-DD" */
export type IsoDate = string;

/** A user-facing text in both languages (the client shows the workbook's one). */
export interface Text {
  ru: string;
  en: string;
}

export type StudentStatus = "applied" | "active" | "left";
export type Attendance = "present" | "absent" | "excused" | "ill" | "late";
export type ChangeKind = "cancel" | "move" | "extra" | "consultation";

export interface GroupItem {
  id: string;
  title: string;
  subject: string;
  teacherId: string;
  tutorId: string;
  /** The user teaches or tutors this group (matched by their email on «Сотрудники»). */
  mine: boolean;
}

export interface StaffItem {
  id: string;
  name: string;
  role: string;
}

/** What the student form edits; "" is an empty cell. */
export interface StudentFields {
  name: string;
  className: string;
  status: StudentStatus | "";
  parent: string;
  parentEmail: string;
  parentPhone: string;
  channel: string;
  consent: "yes" | "no" | "";
  needs: string;
  note: string;
}

export interface StudentItem extends StudentFields {
  id: string;
  /** 1-based row on «Учащиеся». */
  row: number;
}

export interface EnrollmentItem {
  /** 1-based row on «Зачисления». */
  row: number;
  studentId: string;
  groupId: string;
  from: IsoDate | null;
  to: IsoDate | null;
}

export interface SidebarContext {
  lang: Lang;
  user: string;
  /** The user's staff ID, when their email is on «Сотрудники». */
  staffId: string | null;
  /** Today in the workbook's time zone. */
  today: IsoDate;
  school: string;
  /** The user's own groups first, then the others by ID. */
  groups: GroupItem[];
  staff: StaffItem[];
  students: StudentItem[];
  enrollments: EnrollmentItem[];
  /** A free student ID in the workbook's pattern (e.g. S127). */
  nextStudentId: string;
  /** The month a report is for by default (the previous one), "YYYY-MM". */
  reportMonth: string;
  canReport: boolean;
  /** Contact channels already used in the workbook, for suggestions. */
  channels: string[];
  /** The journal tokens of the workbook's language for absent, excused, ill, late. */
  tokens: Record<Exclude<Attendance, "present">, string>;
  /** Attendance tokens of both languages (н, a, у, e, …) -> what they mean. */
  attendanceWords: Record<string, Exclude<Attendance, "present">>;
  /** Every journal word token (both languages: зач, н, a, осв, …), lower case. */
  words: string[];
  /**
   * The sidebar runs in the tutors' journal workbook (its own bound script): only the lesson
   * flow is offered, `groups` are the tabs the user may edit, the lists of students are empty.
   */
  journalOnly?: boolean;
}

export interface LessonQuery {
  groupId: string;
  /** Blank: today's lesson from the schedule, else the last one before today. */
  date?: IsoDate | null;
  index?: number | null;
}

export interface LessonOption {
  date: IsoDate;
  index: number;
  /** In the schedule (with its changes). */
  scheduled: boolean;
  /** The journal already has its column. */
  inJournal: boolean;
}

export interface LessonStudent {
  id: string;
  name: string;
  className: string;
  /** The cell's text as loaded ("" for blank): sent back as `expected` on save. */
  cell: string;
  /** The absence reason in force for this lesson («Причины пропусков»), "" when none. */
  reason: string;
}

export interface LessonSheet {
  groupId: string;
  /** The journal tab («Журнал G01»), existing or to be created. */
  sheet: string;
  date: IsoDate;
  index: number;
  /** Lessons to choose from (the schedule up to a week ahead and the journal's columns). */
  options: LessonOption[];
  /** A lesson the journal can take: in the schedule or already a column. */
  known: boolean;
  /** The lesson's column letter, null while the journal has no column for it. */
  column: string | null;
  /** Students enrolled in the group on the date, by name. */
  students: LessonStudent[];
  /** The topic row's cell as loaded (sent back as `topic.expected`). */
  topicCell: string;
  /** The topic and homework read from it. */
  topic: string;
  homework: string;
  /** False for an existing journal without the «Тема» row (topics cannot be saved there). */
  hasTopicRow: boolean;
}

/** A lesson's topic and homework to save; `expected` is the topic cell as loaded. */
export interface TopicSave {
  expected: string;
  topic: string;
  homework: string;
}

export interface LessonSave {
  groupId: string;
  date: IsoDate;
  index: number;
  /** studentId -> the cell text the sidebar loaded; the save is refused if any differs now. */
  expected: Record<string, string>;
  /** studentId -> the new token ("" = present, no mark). */
  values: Record<string, string>;
  /** null/absent: the topic is left as it is. */
  topic?: TopicSave | null;
  /** studentId -> the absence reason for this lesson ("" withdraws it); only for н/у/б cells. */
  reasons?: Record<string, string>;
}

export interface WeekQuery {
  groupId: string;
  /** Any day of the week (Monday to Sunday); blank: this week. */
  date?: IsoDate | null;
}

export interface WeekSheet {
  groupId: string;
  /** The Monday. */
  monday: IsoDate;
  /** The week's lessons (from the schedule and the journal), by date and number. */
  lessons: LessonSheet[];
}

export interface WeekSave {
  groupId: string;
  /** The lessons that changed (the group is the week's). */
  lessons: Omit<LessonSave, "groupId">[];
}

export interface WeekSaved {
  changed: number;
  /** The written ranges, one per lesson that changed. */
  ranges: string[];
  week: WeekSheet;
}

export interface LessonSaved {
  /** Cells whose value changed. */
  changed: number;
  /** The written range, e.g. «Журнал G01!H3:H9» ("" when nothing changed). */
  range: string;
  /** The lesson as it is now. */
  lesson: LessonSheet;
}

export interface StudentSave {
  id: string;
  fields: StudentFields;
  /** null: a new student; else the fields as loaded (the save is refused if the row changed since). */
  expected: StudentFields | null;
}

export interface StudentSaved {
  student: StudentItem;
  created: boolean;
  /** Cells written. */
  changed: number;
  nextStudentId: string;
}

export interface EnrollRequest {
  groupId: string;
  studentIds: string[];
  from: IsoDate;
}

export interface EnrollResult {
  added: EnrollmentItem[];
}

export interface EnrollmentEnd {
  /** The enrollment as loaded (its row and values). */
  expected: EnrollmentItem;
  to: IsoDate;
}

export interface EnrollmentEnded {
  enrollment: EnrollmentItem;
}

export interface ContactRequest {
  date: IsoDate;
  staffId: string;
  /** "" = all of the staff member's groups. */
  groupId: string;
  /** "" = the whole group. */
  studentId: string;
  channel: string;
  summary: string;
}

export interface ContactSaved {
  row: number;
}

export interface ChangeRequest {
  date: IsoDate;
  groupId: string;
  kind: ChangeKind;
  /** "HH:MM" or "" */
  start: string;
  end: string;
  /** For a move: the new date; else "". */
  newDate: IsoDate | "";
  reason: string;
}

export interface ChangeCheck {
  /** Conflicts this change would add to the schedule, each with its cell. */
  conflicts: { cell: string; message: Text }[];
  /** The text to send to the group (workbook language). */
  notice: string;
}

export interface ChangeSaved extends ChangeCheck {
  row: number;
}

export interface ReportRequest {
  /** "YYYY-MM" */
  month: string;
}

export interface ReportOutcome {
  status: "done" | "continued";
  /** The Doc's address (a file path in the local preview). */
  url?: string;
  message?: Text;
}

export interface RiskQuery {
  /** Any day of the month; blank: this month, up to today. */
  date?: IsoDate | null;
}

export interface RiskItem {
  studentId: string;
  name: string;
  groupId: string;
  reasons: ("absences" | "low-mark" | "no-mark")[];
  /** The reasons in words. */
  why: Text;
  /** The «сообщить родителям» draft (never sent by the program); null without consent or contact. */
  draft: { to: string; channel: string; subject: string; text: string } | null;
  /** Why there is no draft. */
  noDraft: Text | null;
}

export interface RiskList {
  /** "YYYY-MM" */
  month: string;
  /** The figures count lessons up to this day. */
  until: IsoDate;
  /** Every group (a coordinator), else the user's own. */
  all: boolean;
  items: RiskItem[];
}

/** Issue 17: add (row null) or correct (row given) one line of «ИУП». */
export interface PlanLineRequest {
  /** The ИУП row to correct; null for a new line. */
  row: number | null;
  studentId: string;
  subject: string;
  /** Hours a week; null = blank. */
  hours: number | null;
  /** distance / inPerson / self / external, or "" */
  form: string;
  groupId: string;
  from: IsoDate | "";
  to: IsoDate | "";
  basis: string;
  note: string;
  /** Required for a correction: why the line changes. */
  reason: string;
}

export interface PlanCheck {
  /** What the check finds for this student with the line as given; errors refuse the save. */
  issues: { cell: string; severity: "error" | "warning"; message: Text }[];
  /** The student's classroom hours a week with this line, and the maximum for the grade (null: unknown grade). */
  load: { total: number; max: number | null };
}

export interface PlanSaved extends PlanCheck {
  row: number;
  /** The fields changed (a correction) — each is a row of «Корректировки ИУП». */
  changed: string[];
}

/** One line of «ИУП» as the flow shows it. */
export interface PlanLineView {
  row: number;
  subject: string;
  hours: number | null;
  form: string;
  groupId: string;
  from: IsoDate | "";
  to: IsoDate | "";
  basis: string;
  note: string;
}

export interface PlanLines {
  lines: PlanLineView[];
}

export interface AchievementRequest {
  studentId: string;
  date: IsoDate;
  kind: string;
  title: string;
  /** school / municipal / regional / national / international, or "" */
  level: string;
  /** participant / prizewinner / winner, or "" */
  result: string;
  link: string;
  confirmedBy: string;
}

export interface AchievementSaved {
  row: number;
}

// ---- attestation results (issue 16): one attestation's «Аттестация <ID>» sheet, like a lesson ----

export interface AttestationResultsQuery {
  /** Blank: the latest attestation up to today the user may enter (else the first). */
  attestationId?: string | null;
}

/** An attestation the user may enter results of. */
export interface AttestationItem {
  id: string;
  date: string;
  groupId: string;
  subject: string;
  /** The form in the workbook's language («контрольная работа»), for the picker's label. */
  form: string;
}

export interface AttestationResultStudent {
  id: string;
  /** The name as «Имена в отчёте» allows; "" shows the ID alone. */
  name: string;
  /** The result cell as loaded (text; "" when blank or no row yet). */
  cell: string;
  comment: string;
}

export interface AttestationResults {
  attestations: AttestationItem[];
  /** The chosen attestation (null when the user may enter none). */
  attestationId: string | null;
  /** Its results sheet (the name it gets when created). */
  sheet: string;
  /** False while the results sheet does not exist yet (saving creates it). */
  exists: boolean;
  students: AttestationResultStudent[];
  /** The tokens a result cell takes. */
  tokens: string[];
}

export interface AttestationResultsSave {
  attestationId: string;
  /** studentId -> the result cell as loaded. */
  expected: Record<string, string>;
  /** studentId -> the new result ("" clears it). */
  values: Record<string, string>;
  /** studentId -> the comment as loaded. */
  expectedComments?: Record<string, string>;
  /** studentId -> the new comment. */
  comments: Record<string, string>;
}

export interface AttestationResultsSaved {
  /** Cells written (results and comments). */
  changed: number;
  /** The written block, «Аттестация A1!C2:D9»; "" when nothing changed. */
  range: string;
  results: AttestationResults;
}

/** The whole contract: method -> request and response. */
export interface SidebarRpc {
  context: { req: Record<string, never>; res: SidebarContext };
  lessonLoad: { req: LessonQuery; res: LessonSheet };
  lessonSave: { req: LessonSave; res: LessonSaved };
  weekLoad: { req: WeekQuery; res: WeekSheet };
  weekSave: { req: WeekSave; res: WeekSaved };
  riskList: { req: RiskQuery; res: RiskList };
  studentSave: { req: StudentSave; res: StudentSaved };
  enroll: { req: EnrollRequest; res: EnrollResult };
  enrollmentEnd: { req: EnrollmentEnd; res: EnrollmentEnded };
  contactAdd: { req: ContactRequest; res: ContactSaved };
  changeCheck: { req: ChangeRequest; res: ChangeCheck };
  changeSave: { req: ChangeRequest; res: ChangeSaved };
  reportBuild: { req: ReportRequest; res: ReportOutcome };
  planLoad: { req: { studentId: string }; res: PlanLines };
  planCheck: { req: PlanLineRequest; res: PlanCheck };
  planSave: { req: PlanLineRequest; res: PlanSaved };
  achievementAdd: { req: AchievementRequest; res: AchievementSaved };
  attestationResultsLoad: { req: AttestationResultsQuery; res: AttestationResults };
  attestationResultsSave: { req: AttestationResultsSave; res: AttestationResultsSaved };
}

export type RpcMethod = keyof SidebarRpc;
export type RpcRequest<M extends RpcMethod> = SidebarRpc[M]["req"];
export type RpcResponse<M extends RpcMethod> = SidebarRpc[M]["res"];

/** Every method name, for dispatchers that receive a name as a string. */
export const RPC_METHODS = [
  "context",
  "lessonLoad",
  "lessonSave",
  "weekLoad",
  "weekSave",
  "riskList",
  "studentSave",
  "enroll",
  "enrollmentEnd",
  "contactAdd",
  "changeCheck",
  "changeSave",
  "reportBuild",
  "planLoad",
  "planCheck",
  "planSave",
  "achievementAdd",
  "attestationResultsLoad",
  "attestationResultsSave",
] as const satisfies readonly RpcMethod[];

export function isRpcMethod(name: unknown): name is RpcMethod {
  return typeof name === "string" && (RPC_METHODS as readonly string[]).includes(name);
}

/** What a server error looks like on the wire: a code and one line per language, no stack. */
export interface RpcError {
  code: string;
  ru: string;
  en: string;
}

/** What `sidebarRpc` and the preview's /rpc/<method> return. */
export type RpcEnvelope<T> = { ok: true; value: T } | { ok: false; error: RpcError };

/** True when T is JSON all the way down (strings, numbers, booleans, null, arrays, plain objects). */
export type IsJson<T> = false extends JsonCheck<T> ? false : true;

/** Distributes over unions: one `false` member makes the whole type not JSON. */
type JsonCheck<T> = T extends string | number | boolean | null | undefined
  ? true
  : T extends Date
    ? false
    : T extends (...args: never[]) => unknown
      ? false
      : T extends ReadonlyMap<unknown, unknown> | ReadonlySet<unknown>
        ? false
        : T extends readonly (infer U)[]
          ? IsJson<U>
          : T extends object
            ? false extends { [K in keyof T]-?: IsJson<T[K]> }[keyof T]
              ? false
              : true
            : false;
