/**
 * WORKBOOK-FORMAT v1: every sheet the program knows, with Russian headers and English
 * aliases. Header matching is case- and space-insensitive in either language.
 */
import type { Lang, Msg } from "./i18n.js";

export const FORMAT_VERSION = 1;

export type SheetKey =
  | "settings"
  | "students"
  | "staff"
  | "groups"
  | "enrollments"
  | "schedule"
  | "changes"
  | "holidays"
  | "contacts"
  | "feedback"
  | "audit"
  | "problems"
  | "presence"
  | "absenceReasons"
  | "periods"
  | "attestations"
  // Issue 18: transfers into the home-class journals and the coordinator's registries.
  | "transfers"
  | "events"
  | "courses"
  | "workstations"
  | "supportReports"
  // Issue 17: the individual student (ИУП, its corrections, the portfolio).
  | "plans"
  | "planCorrections"
  | "portfolio";

export type ColumnKind =
  | "id"
  | "text"
  | "date"
  | "time"
  | "enum"
  | "ref"
  | "email"
  | "phone"
  | "datetime"
  | "int";

export type EnumKey =
  | "status"
  | "role"
  | "weekday"
  | "mode"
  | "changeKind"
  | "yesNo"
  | "periodKind"
  | "attestationKind"
  | "attestationForm"
  // Issue 18: the registries.
  | "eventKind"
  | "courseKind"
  | "courseStatus"
  | "place"
  // Issue 17: ИУП form, achievement level and result.
  | "planForm"
  | "achievementLevel"
  | "achievementResult";

export interface ColumnSpec {
  /** Stable key used in records. */
  key: string;
  ru: string;
  en: string;
  /** More spellings a person may type. */
  aliases?: readonly string[];
  kind: ColumnKind;
  required?: boolean;
  enumOf?: EnumKey;
  /** For kind "ref": the sheet whose ID column this points to. */
  ref?: SheetKey;
  /** A blank ref means "all" (e.g. Contacts.Group); otherwise blank is simply empty. */
}

export interface SheetSpec {
  key: SheetKey;
  ru: string;
  en: string;
  aliases?: readonly string[];
  columns: readonly ColumnSpec[];
  /** The column holding this sheet's unique ID, if any. */
  idColumn?: string;
  /** Written by the program; not hand-edited. */
  programOwned?: boolean;
  /** Hidden from everyday view. */
  hidden?: boolean;
}

export interface EnumValue {
  /** Canonical value used in records. */
  value: string;
  ru: string;
  en: string;
  synonyms?: readonly string[];
}

export const ENUMS: Record<EnumKey, readonly EnumValue[]> = {
  status: [
    { value: "applied", ru: "заявка", en: "applied" },
    { value: "active", ru: "обучается", en: "active", synonyms: ["учится"] },
    { value: "left", ru: "выбыл", en: "left", synonyms: ["выбыла", "выбыл(а)", "withdrawn"] },
  ],
  role: [
    { value: "teacher", ru: "преподаватель", en: "teacher", synonyms: ["сетевой преподаватель", "учитель"] },
    { value: "tutor", ru: "тьютор", en: "tutor" },
    { value: "coordinator", ru: "координатор", en: "coordinator" },
    { value: "support", ru: "вспомогательный", en: "support", synonyms: ["вспомогательный персонал"] },
  ],
  weekday: [
    { value: "1", ru: "Пн", en: "Mon", synonyms: ["понедельник", "monday", "пон"] },
    { value: "2", ru: "Вт", en: "Tue", synonyms: ["вторник", "tuesday", "tues"] },
    { value: "3", ru: "Ср", en: "Wed", synonyms: ["среда", "wednesday"] },
    { value: "4", ru: "Чт", en: "Thu", synonyms: ["четверг", "thursday", "thur", "thurs"] },
    { value: "5", ru: "Пт", en: "Fri", synonyms: ["пятница", "friday"] },
    { value: "6", ru: "Сб", en: "Sat", synonyms: ["суббота", "saturday"] },
    { value: "7", ru: "Вс", en: "Sun", synonyms: ["воскресенье", "sunday"] },
  ],
  mode: [
    { value: "online", ru: "онлайн", en: "online", synonyms: ["дистанционно"] },
    { value: "offline", ru: "очно", en: "offline", synonyms: ["in person"] },
  ],
  changeKind: [
    {
      value: "cancel",
      ru: "отмена",
      en: "cancel",
      synonyms: ["отменён", "отменен", "cancelled", "canceled"],
    },
    { value: "move", ru: "перенос", en: "move", synonyms: ["moved", "reschedule"] },
    {
      value: "extra",
      ru: "доп. урок",
      en: "extra lesson",
      synonyms: ["доп урок", "дополнительный урок", "extra"],
    },
    { value: "consultation", ru: "консультация", en: "consultation" },
  ],
  yesNo: [
    { value: "yes", ru: "да", en: "yes", synonyms: ["y", "д", "true", "1", "+", "истина"] },
    { value: "no", ru: "нет", en: "no", synonyms: ["n", "н", "false", "0", "-", "ложь"] },
  ],
  // Issue 16: school periods and attestations.
  periodKind: [
    { value: "quarter", ru: "четверть", en: "quarter" },
    { value: "trimester", ru: "триместр", en: "trimester" },
    { value: "half", ru: "полугодие", en: "half-year", synonyms: ["half", "semester", "семестр"] },
    { value: "year", ru: "год", en: "year", synonyms: ["учебный год", "school year"] },
  ],
  attestationKind: [
    { value: "intermediate", ru: "промежуточная", en: "intermediate", synonyms: ["interim"] },
    { value: "final", ru: "итоговая", en: "final", synonyms: ["гиа"] },
  ],
  attestationForm: [
    { value: "test", ru: "контрольная работа", en: "test", synonyms: ["контрольная", "кр"] },
    { value: "credit", ru: "зачёт", en: "credit", synonyms: ["pass/fail"] },
    { value: "exam", ru: "экзамен", en: "exam" },
    { value: "quiz", ru: "тестирование", en: "quiz", synonyms: ["тест", "testing"] },
    {
      value: "project",
      ru: "защита проекта",
      en: "project defence",
      synonyms: ["project defense", "проект"],
    },
    { value: "diagnostic", ru: "диагностическая работа", en: "diagnostic test", synonyms: ["диагностика"] },
    { value: "mockOge", ru: "пробный ОГЭ", en: "mock OGE", synonyms: ["пробный огэ"] },
    { value: "mockEge", ru: "пробный ЕГЭ", en: "mock EGE", synonyms: ["пробный егэ"] },
  ],
  eventKind: [
    { value: "forum", ru: "форум", en: "forum" },
    { value: "business-game", ru: "деловая игра", en: "business game" },
    { value: "role-game", ru: "ролевая игра", en: "role game", synonyms: ["role-playing game"] },
    { value: "creative-project", ru: "творческий проект", en: "creative project" },
    { value: "research-project", ru: "исследовательский проект", en: "research project" },
    {
      value: "conference",
      ru: "дистанционная конференция",
      en: "distance conference",
      synonyms: ["конференция", "conference", "online conference"],
    },
    { value: "quiz", ru: "викторина", en: "quiz", synonyms: ["интернет-викторина"] },
    { value: "olympiad", ru: "олимпиада", en: "olympiad" },
    { value: "seminar", ru: "семинар", en: "seminar", synonyms: ["вебинар", "webinar"] },
  ],
  courseKind: [
    { value: "elective", ru: "элективный", en: "elective", synonyms: ["элективный курс"] },
    { value: "profile", ru: "профильный", en: "profile", synonyms: ["профильный курс"] },
    { value: "creative", ru: "творческий", en: "creative" },
    {
      value: "olympiad",
      ru: "олимпиадная подготовка",
      en: "olympiad preparation",
      synonyms: ["подготовка к олимпиадам", "olympiad"],
    },
    { value: "quiz", ru: "интернет-викторина", en: "online quiz", synonyms: ["викторина", "quiz"] },
  ],
  courseStatus: [
    { value: "planned", ru: "планируется", en: "planned", synonyms: ["набор", "enrolling"] },
    { value: "running", ru: "идёт", en: "running", synonyms: ["идет", "ведётся", "active"] },
    { value: "finished", ru: "завершён", en: "finished", synonyms: ["завершен", "окончен", "done"] },
    { value: "cancelled", ru: "отменён", en: "cancelled", synonyms: ["отменен", "canceled"] },
  ],
  place: [
    { value: "home", ru: "дома", en: "at home", synonyms: ["дом", "home"] },
    { value: "school", ru: "в школе", en: "at school", synonyms: ["школа", "school"] },
  ],
  planForm: [
    {
      value: "distance",
      ru: "дистанционно",
      en: "distance",
      synonyms: ["дистанционная", "онлайн", "online"],
    },
    { value: "inPerson", ru: "очно", en: "in person", synonyms: ["очная", "offline"] },
    { value: "self", ru: "самостоятельно", en: "self-study", synonyms: ["самостоятельное изучение", "self"] },
    { value: "external", ru: "экстерн", en: "external", synonyms: ["экстернат", "externship"] },
  ],
  achievementLevel: [
    { value: "school", ru: "школьный", en: "school" },
    { value: "municipal", ru: "муниципальный", en: "municipal", synonyms: ["районный", "городской"] },
    { value: "regional", ru: "региональный", en: "regional", synonyms: ["областной", "краевой"] },
    { value: "national", ru: "всероссийский", en: "national", synonyms: ["федеральный", "all-russian"] },
    { value: "international", ru: "международный", en: "international" },
  ],
  achievementResult: [
    { value: "participant", ru: "участник", en: "participant", synonyms: ["участница", "участие"] },
    {
      value: "prizewinner",
      ru: "призёр",
      en: "prize-winner",
      synonyms: ["призер", "prizewinner", "призёрка"],
    },
    { value: "winner", ru: "победитель", en: "winner", synonyms: ["победительница", "1 место"] },
  ],
};

/** Normalise a header or token for matching: lower case, ё→е, spaces folded, trimmed. */
export function norm(s: unknown): string {
  return String(s ?? "")
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[\s\u00a0]+/g, " ")
    .trim();
}

/** Find the canonical enum value for what a person typed, or undefined. */
export function enumValue(key: EnumKey, typed: unknown): string | undefined {
  const n = norm(typed).replace(/\.$/, "");
  if (!n) return undefined;
  for (const e of ENUMS[key]) {
    const names = [e.value, e.ru, e.en, ...(e.synonyms ?? [])].map((x) => norm(x).replace(/\.$/, ""));
    if (names.includes(n)) return e.value;
  }
  return undefined;
}

/** The label of a canonical enum value in a language. */
export function enumLabel(key: EnumKey, value: string, lang: Lang): string {
  const e = ENUMS[key].find((x) => x.value === value);
  return e ? e[lang] : value;
}

const col = (
  key: string,
  ru: string,
  en: string,
  kind: ColumnKind,
  extra: Partial<ColumnSpec> = {},
): ColumnSpec => ({ key, ru, en, kind, ...extra });

/**
 * Issue 18: «Перенос в классные журналы» (written by `transfer`: one row per class, group and
 * period transferred, with a snapshot of the cells handed over) and the four registries the
 * coordinator keeps by hand.
 */
const ISSUE18_SHEETS = {
  transfers: {
    key: "transfers",
    ru: "Перенос в классные журналы",
    en: "Transfers",
    aliases: ["Перенос", "Transfers to class journals"],
    programOwned: true,
    columns: [
      col("className", "Класс", "Class", "text", { required: true }),
      col("subject", "Предмет", "Subject", "text"),
      col("groupId", "Группа", "Group", "text", { required: true }),
      col("period", "Период", "Period", "text", { required: true }),
      col("at", "Перенесено", "Transferred on", "datetime", { required: true }),
      col("by", "Кто", "By", "text"),
      col("corrections", "Исправлений", "Corrections", "int"),
      col("snapshot", "Снимок", "Snapshot", "text"),
    ],
  },
  events: {
    key: "events",
    ru: "Мероприятия",
    en: "Events",
    columns: [
      col("date", "Дата", "Date", "date", { required: true }),
      col("kind", "Вид", "Kind", "enum", { enumOf: "eventKind", required: true, aliases: ["Тип", "Type"] }),
      col("title", "Название", "Title", "text", { required: true }),
      col("level", "Уровень", "Level", "text"),
      col("organiser", "Организатор", "Organiser", "text", { aliases: ["Organizer"] }),
      col("link", "Ссылка", "Link", "text"),
      col("participants", "Участники", "Participants", "text"),
      col("results", "Результаты", "Results", "text", { aliases: ["Результат", "Result"] }),
    ],
  },
  courses: {
    key: "courses",
    ru: "Курсы",
    en: "Courses",
    aliases: ["Банк курсов", "Course bank"],
    columns: [
      col("title", "Название", "Title", "text", { required: true }),
      col("kind", "Вид", "Kind", "enum", { enumOf: "courseKind", required: true, aliases: ["Тип", "Type"] }),
      col("provider", "Кто ведёт", "Provider", "text", { aliases: ["Провайдер", "Организатор"] }),
      col("link", "Ссылка", "Link", "text"),
      col("hours", "Часов", "Hours", "int", { aliases: ["Часы"] }),
      col("grades", "Классы", "Grades", "text", { aliases: ["Параллели"] }),
      col("students", "Записаны", "Enrolled", "text", { aliases: ["Учащиеся", "Students"] }),
      col("status", "Статус", "Status", "enum", { enumOf: "courseStatus" }),
    ],
  },
  workstations: {
    key: "workstations",
    ru: "АРМ",
    en: "Workstations",
    aliases: ["Рабочие места", "Workstation"],
    columns: [
      col("personId", "Кто", "Person", "text", { required: true, aliases: ["ID", "Участник"] }),
      col("computer", "Компьютер", "Computer", "enum", { enumOf: "yesNo" }),
      col("internet", "Интернет", "Internet", "enum", { enumOf: "yesNo" }),
      col("headset", "Камера и гарнитура", "Camera and headset", "enum", {
        enumOf: "yesNo",
        aliases: ["Камера", "Гарнитура", "Camera", "Headset"],
      }),
      col("place", "Где", "Where", "enum", { enumOf: "place" }),
      col("room", "Кабинет", "Room", "text"),
      col("problem", "Проблема", "Problem", "text"),
      col("reported", "Сообщено", "Reported", "date"),
      col("resolved", "Решено", "Resolved", "date"),
    ],
  },
  supportReports: {
    key: "supportReports",
    // Excel allows 31 characters in a tab name: the issue's «Сведения вспомогательного
    // персонала» is an alias (Google Sheets takes it).
    ru: "Вспомогательный персонал",
    en: "Support staff reports",
    aliases: ["Сведения вспомогательного персонала", "Сведения персонала", "Support reports"],
    columns: [
      col("date", "Дата", "Date", "date", { required: true }),
      col("reporterId", "Сотрудник", "Reporter", "ref", { ref: "staff", required: true, aliases: ["Staff"] }),
      col("groupId", "Группа", "Group", "text", { required: true, aliases: ["Урок", "Lesson"] }),
      col("studentId", "Учащийся", "Student", "ref", { ref: "students", required: true }),
      col("present", "Присутствовал", "Present", "enum", { enumOf: "yesNo", aliases: ["Присутствие"] }),
      col("note", "Поведение", "Behaviour", "text", { aliases: ["Behavior", "Замечание", "Note"] }),
    ],
  },
} satisfies Record<string, SheetSpec>;

export const SHEETS: Record<SheetKey, SheetSpec> = {
  settings: {
    key: "settings",
    ru: "Настройки",
    en: "Settings",
    columns: [
      col("key", "Параметр", "Key", "text", { required: true }),
      col("value", "Значение", "Value", "text"),
    ],
  },
  students: {
    key: "students",
    ru: "Учащиеся",
    en: "Students",
    idColumn: "id",
    columns: [
      col("id", "ID", "ID", "id", { required: true }),
      col("name", "ФИО", "Name", "text", { required: true, aliases: ["Full name", "Учащийся"] }),
      col("className", "Класс", "Class", "text", { aliases: ["Grade"] }),
      col("status", "Статус", "Status", "enum", { enumOf: "status" }),
      col("parent", "Родитель", "Parent", "text"),
      col("parentEmail", "Email родителя", "Parent email", "email", { aliases: ["E-mail родителя"] }),
      col("parentPhone", "Телефон родителя", "Parent phone", "phone"),
      col("channel", "Канал связи", "Contact channel", "text"),
      col("consent", "Согласие на обработку ПДн", "Data consent", "enum", {
        enumOf: "yesNo",
        aliases: ["Согласие", "Consent"],
      }),
      col("needs", "Особенности", "Needs", "text"),
      col("note", "Примечание", "Note", "text"),
      col("lmsLogin", "Логин СДО", "LMS login", "text", { aliases: ["Логины СДО", "LMS logins"] }),
    ],
  },
  staff: {
    key: "staff",
    ru: "Сотрудники",
    en: "Staff",
    idColumn: "id",
    columns: [
      col("id", "ID", "ID", "id", { required: true }),
      col("name", "ФИО", "Name", "text", { required: true, aliases: ["Full name"] }),
      col("role", "Роль", "Role", "enum", { enumOf: "role", required: true }),
      col("email", "Email", "Email", "email", { aliases: ["E-mail", "Почта"] }),
      col("phone", "Телефон", "Phone", "phone"),
      col("subjects", "Предметы", "Subjects", "text"),
      col("lmsLogin", "Логин СДО", "LMS login", "text", { aliases: ["Логины СДО", "LMS logins"] }),
    ],
  },
  groups: {
    key: "groups",
    ru: "Группы",
    en: "Groups",
    idColumn: "id",
    columns: [
      col("id", "ID", "ID", "id", { required: true }),
      col("title", "Название", "Title", "text", { aliases: ["Name"] }),
      col("subject", "Предмет", "Subject", "text"),
      col("teacherId", "Преподаватель", "Teacher", "ref", { ref: "staff" }),
      col("tutorId", "Тьютор", "Tutor", "ref", { ref: "staff" }),
      col("link", "Ссылка", "Link", "text"),
      col("note", "Примечание", "Note", "text"),
    ],
  },
  enrollments: {
    key: "enrollments",
    ru: "Зачисления",
    en: "Enrollments",
    aliases: ["Enrolments"],
    columns: [
      col("studentId", "Учащийся", "Student", "ref", { ref: "students", required: true }),
      col("groupId", "Группа", "Group", "ref", { ref: "groups", required: true }),
      col("from", "С", "From", "date", { required: true }),
      col("to", "По", "To", "date"),
    ],
  },
  schedule: {
    key: "schedule",
    ru: "Расписание",
    en: "Schedule",
    columns: [
      col("groupId", "Группа", "Group", "ref", { ref: "groups", required: true }),
      col("weekday", "День недели", "Weekday", "enum", {
        enumOf: "weekday",
        required: true,
        aliases: ["День", "Day"],
      }),
      col("start", "Начало", "Start", "time", { required: true }),
      col("end", "Окончание", "End", "time", { required: true, aliases: ["Конец"] }),
      col("mode", "Формат", "Mode", "enum", { enumOf: "mode" }),
      col("from", "С", "From", "date"),
      col("to", "По", "To", "date"),
    ],
  },
  changes: {
    key: "changes",
    ru: "Изменения расписания",
    en: "Schedule changes",
    columns: [
      col("date", "Дата", "Date", "date", { required: true }),
      col("groupId", "Группа", "Group", "ref", { ref: "groups", required: true }),
      col("kind", "Тип", "Kind", "enum", { enumOf: "changeKind", required: true, aliases: ["Type"] }),
      col("start", "Начало", "Start", "time"),
      col("end", "Окончание", "End", "time", { aliases: ["Конец"] }),
      col("newDate", "Новая дата", "New date", "date"),
      col("reason", "Причина", "Reason", "text"),
      col("notified", "Сообщено", "Notified", "date"),
    ],
  },
  holidays: {
    key: "holidays",
    ru: "Каникулы",
    en: "Holidays",
    columns: [
      col("from", "С", "From", "date", { required: true }),
      col("to", "По", "To", "date", { required: true }),
      col("name", "Название", "Name", "text"),
    ],
  },
  contacts: {
    key: "contacts",
    ru: "Контакты",
    en: "Contacts",
    columns: [
      col("date", "Дата", "Date", "date", { required: true }),
      col("staffId", "Сотрудник", "Staff", "ref", { ref: "staff", required: true }),
      col("groupId", "Группа", "Group", "ref", { ref: "groups" }),
      col("studentId", "Учащийся", "Student", "ref", { ref: "students" }),
      col("channel", "Канал", "Channel", "text"),
      col("summary", "Содержание", "Summary", "text"),
    ],
  },
  feedback: {
    key: "feedback",
    ru: "Отзывы родителей",
    en: "Parent feedback",
    programOwned: true,
    columns: [
      col("timestamp", "Отметка времени", "Timestamp", "datetime", { required: true }),
      col("token", "Токен", "Token", "text"),
      col("studentId", "Учащийся", "Student", "ref", { ref: "students" }),
      col("rating", "Оценка", "Rating", "int"),
      col("good", "Что получается", "What goes well", "text"),
      col("problems", "Что мешает", "Problems", "text"),
      col("question", "Вопрос", "Question", "text"),
      col("answered", "Ответ дан", "Answered", "date"),
    ],
  },
  audit: {
    key: "audit",
    ru: "Аудит",
    en: "Audit",
    programOwned: true,
    columns: [
      col("when", "Когда", "When", "datetime"),
      col("who", "Кто", "Who", "text"),
      col("action", "Действие", "Action", "text"),
      col("sheet", "Лист", "Sheet", "text"),
      col("cell", "Ячейка", "Cell", "text"),
      col("old", "Было", "Old", "text"),
      col("new", "Стало", "New", "text"),
    ],
  },
  problems: {
    key: "problems",
    ru: "Проблемы",
    en: "Problems",
    programOwned: true,
    columns: [
      col("where", "Где", "Where", "text"),
      col("severity", "Важность", "Severity", "text"),
      col("code", "Код", "Code", "text"),
      col("message", "Сообщение", "Message", "text"),
    ],
  },
  /** Issue 19: presence from Meet / Zoom / Moodle exports, one row per lesson and person. */
  presence: {
    key: "presence",
    ru: "Присутствие в СДО",
    en: "LMS presence",
    programOwned: true,
    columns: [
      col("date", "Дата", "Date", "date", { required: true }),
      col("groupId", "Группа", "Group", "text", { required: true }),
      col("index", "№ урока", "Lesson no.", "int"),
      col("start", "Начало", "Start", "time"),
      col("end", "Окончание", "End", "time"),
      col("personId", "ID", "ID", "text"),
      col("role", "Роль", "Role", "text"),
      col("name", "ФИО", "Name", "text"),
      col("login", "Логин СДО", "LMS login", "text"),
      col("minutes", "Минут", "Minutes", "int"),
      col("firstJoin", "Первый вход", "First join", "time"),
      col("lastLeave", "Последний выход", "Last leave", "time"),
      col("verdict", "Итог", "Verdict", "text"),
      col("sources", "Источник", "Source", "text"),
    ],
  },
  // Issue 21: why a student missed a lesson, entered by the teacher or tutor in the lesson
  // flow; one row per entry, the latest row for a student, group and date is the reason.
  absenceReasons: {
    key: "absenceReasons",
    ru: "Причины пропусков",
    en: "Absence reasons",
    programOwned: true,
    columns: [
      col("studentId", "Учащийся", "Student", "ref", { ref: "students", required: true }),
      col("groupId", "Группа", "Group", "ref", { ref: "groups", required: true }),
      col("date", "Дата", "Date", "date", { required: true }),
      col("reason", "Причина", "Reason", "text"),
      col("enteredBy", "Кто внёс", "Entered by", "text"),
      col("at", "Когда", "At", "datetime"),
    ],
  },
  // Issue 16: the school's periods (quarters, trimesters, halves, the year) and attestations.
  periods: {
    key: "periods",
    ru: "Учебные периоды",
    en: "Periods",
    aliases: ["School periods", "Периоды"],
    idColumn: "name",
    columns: [
      col("name", "Название", "Name", "text", { required: true, aliases: ["Период", "Period"] }),
      col("kind", "Вид", "Kind", "enum", { enumOf: "periodKind", aliases: ["Тип", "Type"] }),
      col("from", "С", "From", "date", { required: true }),
      col("to", "По", "To", "date", { required: true }),
      col("required", "Обязательная аттестация", "Required attestation", "text", {
        aliases: ["Предметы аттестации", "Required subjects"],
      }),
    ],
  },
  attestations: {
    key: "attestations",
    ru: "Аттестация",
    en: "Attestation",
    aliases: ["Attestations", "Аттестации"],
    idColumn: "id",
    columns: [
      col("id", "ID", "ID", "id", { required: true }),
      col("kind", "Вид", "Kind", "enum", { enumOf: "attestationKind", aliases: ["Тип", "Type"] }),
      col("form", "Форма", "Form", "enum", { enumOf: "attestationForm" }),
      col("groupId", "Группа", "Group", "text", { aliases: ["Группа или класс", "Group or class", "Class"] }),
      col("subject", "Предмет", "Subject", "text"),
      col("date", "Дата", "Date", "date", { required: true }),
      col("start", "Начало", "Start", "time"),
      col("end", "Окончание", "End", "time", { aliases: ["Конец"] }),
      col("mode", "Формат", "Mode", "enum", { enumOf: "mode" }),
      col("place", "Аудитория или ссылка", "Room or link", "text", { aliases: ["Место", "Room", "Link"] }),
      col("examinerId", "Экзаменатор", "Examiner", "ref", { ref: "staff" }),
      col("assistantId", "Ассистент", "Assistant", "ref", { ref: "staff" }),
      col("period", "Период", "Period", "text"),
      col("consultationDate", "Дата консультации", "Consultation date", "date"),
      col("consultationTime", "Время консультации", "Consultation time", "time"),
      col("notified", "Сообщено", "Notified", "date"),
    ],
  },
  ...ISSUE18_SHEETS,
  // Issue 17: «составляет индивидуальные учебные планы обучающихся»; one line per student and
  // subject for a period. A corrected line carries the date and reason of its last correction.
  plans: {
    key: "plans",
    ru: "ИУП",
    en: "Individual plans",
    aliases: ["Индивидуальные учебные планы", "Индивидуальный учебный план", "Individual curricula"],
    columns: [
      col("studentId", "Учащийся", "Student", "ref", { ref: "students", required: true }),
      col("subject", "Предмет", "Subject", "text", { required: true }),
      col("hours", "Часов в неделю", "Hours a week", "int", { aliases: ["Часы", "Hours"] }),
      col("form", "Форма", "Form", "enum", { enumOf: "planForm", aliases: ["Форма обучения"] }),
      col("groupId", "Группа", "Group", "ref", { ref: "groups" }),
      col("from", "С", "From", "date"),
      col("to", "По", "To", "date"),
      col("basis", "Основание", "Basis", "text"),
      col("note", "Примечание", "Note", "text"),
      col("correctedOn", "Скорректировано", "Corrected on", "date", { aliases: ["Дата корректировки"] }),
      col("correctionReason", "Причина корректировки", "Correction reason", "text"),
    ],
  },
  /** Issue 17: every correction of an ИУП line, old → new, with its date and reason. */
  planCorrections: {
    key: "planCorrections",
    ru: "Корректировки ИУП",
    en: "Plan corrections",
    programOwned: true,
    columns: [
      col("date", "Дата", "Date", "date", { required: true }),
      col("studentId", "Учащийся", "Student", "ref", { ref: "students", required: true }),
      col("subject", "Предмет", "Subject", "text"),
      col("planRow", "Строка ИУП", "Plan row", "int"),
      col("field", "Поле", "Field", "text"),
      col("old", "Было", "Old", "text"),
      col("new", "Стало", "New", "text"),
      col("reason", "Причина", "Reason", "text"),
      col("who", "Кто", "Who", "text"),
    ],
  },
  /** Issue 17: «помощь в формировании портфолио»; one line per achievement. */
  portfolio: {
    key: "portfolio",
    ru: "Портфолио",
    en: "Portfolio",
    columns: [
      col("studentId", "Учащийся", "Student", "ref", { ref: "students", required: true }),
      col("date", "Дата", "Date", "date", { required: true }),
      col("kind", "Вид", "Kind", "text", { aliases: ["Тип", "Type"] }),
      col("title", "Название", "Title", "text"),
      col("level", "Уровень", "Level", "enum", { enumOf: "achievementLevel" }),
      col("result", "Результат", "Result", "enum", { enumOf: "achievementResult" }),
      col("link", "Ссылка на подтверждение", "Evidence link", "text", { aliases: ["Ссылка", "Link"] }),
      col("confirmedBy", "Подтвердил", "Confirmed by", "text"),
    ],
  },
};

/** The sheets `init` / «Настроить книгу» creates, in tab order. */
export const SETUP_ORDER: readonly SheetKey[] = [
  "settings",
  "students",
  "staff",
  "groups",
  "enrollments",
  "schedule",
  "changes",
  "holidays",
  "contacts",
  "feedback",
  "audit",
  "periods",
  "attestations",
  // Issue 17: the individual student.
  "plans",
  "planCorrections",
  "portfolio",
  // Issue 18: the coordinator's registries (the transfer register is made by `transfer`).
  "events",
  "courses",
  "workstations",
  "supportReports",
];

/** Sheet title in a language. */
export function sheetTitle(key: SheetKey, lang: Lang): string {
  return SHEETS[key][lang];
}

/** Which known sheet a tab name is, in either language (case/space-insensitive). */
export function sheetKeyOf(name: string): SheetKey | undefined {
  const n = norm(name);
  for (const spec of Object.values(SHEETS)) {
    if ([spec.ru, spec.en, ...(spec.aliases ?? [])].some((x) => norm(x) === n)) return spec.key;
  }
  return undefined;
}

/** Which column of a sheet a header is, or undefined. */
export function columnKeyOf(spec: SheetSpec, header: unknown): string | undefined {
  const n = norm(header);
  if (!n) return undefined;
  for (const c of spec.columns) {
    if ([c.ru, c.en, ...(c.aliases ?? [])].some((x) => norm(x) === n)) return c.key;
  }
  return undefined;
}

/** Settings: key -> {ru, en, default}. */
export interface SettingSpec {
  key: SettingKey;
  ru: string;
  en: string;
  default: string;
  help: Msg;
}

/** Settings of the monthly report as a school document (title block, names, problem thresholds). */
const REPORT_SETTINGS: readonly SettingSpec[] = [
  {
    key: "schoolCode",
    ru: "Код школы",
    en: "School code",
    default: "",
    help: {
      ru: "код школы в муниципалитете (в JSON и сводке)",
      en: "the school's municipal code (JSON, rollup)",
    },
  },
  {
    key: "director",
    ru: "Директор",
    en: "Director",
    default: "",
    help: { ru: "И. О. Фамилия для «УТВЕРЖДАЮ»", en: "name for the approval block" },
  },
  {
    key: "reportAddressee",
    ru: "Адресат отчёта",
    en: "Report addressee",
    default: "",
    help: { ru: "кому направляется отчёт", en: "whom the report is addressed to" },
  },
  {
    key: "coordinator",
    ru: "Координатор",
    en: "Coordinator",
    default: "",
    help: { ru: "И. О. Фамилия координатора для подписи", en: "the coordinator's name for the signature" },
  },
  {
    key: "coordinatorPhone",
    ru: "Телефон координатора",
    en: "Coordinator phone",
    default: "",
    help: { ru: "«Исполнитель, тел.» в отчёте", en: "the executor's phone in the report" },
  },
  {
    key: "namesInReport",
    ru: "Имена в отчёте",
    en: "Names in report",
    default: "с согласием",
    help: {
      ru: "все / с согласием (имена только при согласии «да») / только ID",
      en: "all / with consent (names only where consent is yes) / IDs only",
    },
  },
  {
    key: "successThreshold",
    ru: "Порог успеваемости, %",
    en: "Pass rate threshold, %",
    default: "80",
    help: { ru: "проблема при успеваемости ниже", en: "a problem when the pass rate is below" },
  },
  {
    key: "qualityThreshold",
    ru: "Порог качества, %",
    en: "Quality threshold, %",
    default: "30",
    help: { ru: "проблема при качестве знаний ниже", en: "a problem when quality is below" },
  },
  {
    key: "attendanceThreshold",
    ru: "Порог посещаемости, %",
    en: "Attendance threshold, %",
    default: "85",
    help: { ru: "проблема при посещаемости ниже", en: "a problem when attendance is below" },
  },
  {
    key: "journalFillThreshold",
    ru: "Порог заполнения журнала, %",
    en: "Journal fill threshold, %",
    default: "100",
    help: { ru: "проблема при заполнении журнала ниже", en: "a problem when the journal fill is below" },
  },
  {
    key: "notAssessedAllowed",
    ru: "Допустимо н/а",
    en: "N/A allowed",
    default: "0",
    help: { ru: "проблема, когда н/а в группе больше", en: "a problem when a group has more n/a" },
  },
];

/** Settings of period marks and the attestation schedule (issue 16). */
const ATTESTATION_SETTINGS: readonly SettingSpec[] = [
  {
    key: "periodRoundingThreshold",
    ru: "Порог округления (период)",
    en: "Rounding threshold (period)",
    default: "0.5",
    help: {
      ru: "дробная часть, с которой отметка за период округляется вверх",
      en: "fractional part from which a period mark rounds up",
    },
  },
  {
    key: "periodMinimumMarks",
    ru: "Минимум отметок (период)",
    en: "Minimum marks (period)",
    default: "3",
    help: { ru: "меньше отметок за период — н/а", en: "fewer marks in a period give N/A" },
  },
  {
    key: "finalMarkRule",
    ru: "Итоговая отметка",
    en: "Final mark",
    default: "по отметкам",
    help: {
      ru: "по отметкам / с весом аттестации / решает аттестация",
      en: "by marks / attestation weighted / attestation decides",
    },
  },
  {
    key: "attestationWeight",
    ru: "Вес аттестации",
    en: "Attestation weight",
    default: "2",
    help: {
      ru: "отметка аттестации считается за столько отметок (правило «с весом аттестации»)",
      en: "the attestation mark counts as this many marks (rule «attestation weighted»)",
    },
  },
  {
    key: "attestationsPerDay",
    ru: "Аттестаций в день",
    en: "Attestations a day",
    default: "1",
    help: {
      ru: "больше у одного учащегося в день — проблема",
      en: "more for one student a day is a problem",
    },
  },
  {
    key: "attestationsPerWeek",
    ru: "Аттестаций в неделю",
    en: "Attestations a week",
    default: "3",
    help: {
      ru: "больше у одного учащегося за неделю — проблема",
      en: "more for one student in a week is a problem",
    },
  },
];

export type SettingKey =
  | "school"
  | "schoolYear"
  | "language"
  | "timeZone"
  | "absenceThreshold"
  | "daysWithoutContact"
  | "roundingThreshold"
  | "minimumMarks"
  | "naWeight"
  | "reportRecipients"
  | "reportFolder"
  | "schoolContact"
  | "reportFolderId"

  // The monthly report as a school document (issue 15).
  | "schoolCode"
  | "director"
  | "reportAddressee"
  | "coordinator"
  | "coordinatorPhone"
  | "namesInReport"
  | "successThreshold"
  | "qualityThreshold"
  | "attendanceThreshold"
  | "journalFillThreshold"
  | "notAssessedAllowed"
  // Attestation and period marks (issue 16).
  | "periodRoundingThreshold"
  | "periodMinimumMarks"
  | "finalMarkRule"
  | "attestationWeight"
  | "attestationsPerDay"
  | "attestationsPerWeek";

export const SETTINGS: readonly SettingSpec[] = [
  {
    key: "school",
    ru: "Школа",
    en: "School",
    default: "",
    help: { ru: "название школы для отчётов", en: "school name for reports" },
  },
  {
    key: "schoolYear",
    ru: "Учебный год",
    en: "School year",
    default: "",
    help: { ru: "например 2026/2027", en: "e.g. 2026/2027" },
  },
  { key: "language", ru: "Язык", en: "Language", default: "ru", help: { ru: "ru или en", en: "ru or en" } },
  {
    key: "timeZone",
    ru: "Часовой пояс",
    en: "Time zone",
    default: "Europe/Moscow",
    help: { ru: "имя IANA", en: "IANA name" },
  },
  {
    key: "absenceThreshold",
    ru: "Порог пропусков, %",
    en: "Absence threshold, %",
    default: "30",
    help: {
      ru: "в группе риска при доле пропусков не меньше",
      en: "at risk when the missed share is at least",
    },
  },
  {
    key: "daysWithoutContact",
    ru: "Дней без контакта",
    en: "Days without contact",
    default: "7",
    help: {
      ru: "сотрудник без контакта с группой дольше",
      en: "staff member without contact with a group for longer",
    },
  },
  {
    key: "roundingThreshold",
    ru: "Порог округления",
    en: "Rounding threshold",
    default: "0.5",
    help: {
      ru: "дробная часть, с которой отметка округляется вверх",
      en: "fractional part from which a mark rounds up",
    },
  },
  {
    key: "minimumMarks",
    ru: "Минимум отметок",
    en: "Minimum marks",
    default: "3",
    help: { ru: "меньше отметок за месяц — н/а", en: "fewer marks in a month give N/A" },
  },
  {
    key: "naWeight",
    ru: "Вес н/а в СОУ",
    en: "N/A weight in SOU",
    default: "7",
    help: { ru: "вес н/а в формуле СОУ", en: "weight of N/A in SOU" },
  },
  {
    key: "reportRecipients",
    ru: "Получатели отчёта",
    en: "Report recipients",
    default: "",
    help: { ru: "адреса через запятую", en: "emails, comma-separated" },
  },
  {
    key: "reportFolder",
    ru: "Папка отчётов",
    en: "Report folder",
    default: "",
    help: { ru: "папка Google Диска для отчётов", en: "Google Drive folder for reports" },
  },
  {
    key: "schoolContact",
    ru: "Контакт школы",
    en: "School contact",
    default: "",
    help: { ru: "телефон или email для писем родителям", en: "phone or email for letters to parents" },
  },
  {
    // A service account owns no Drive storage: the CLI puts its Doc into this shared-drive folder.
    key: "reportFolderId",
    ru: "Папка отчётов (ID)",
    en: "Report folder (ID)",
    default: "",
    help: {
      ru: "ID или ссылка папки на общем диске (для сервисного аккаунта в CLI); важнее «Папки отчётов»",
      en: "ID or link of a shared-drive folder (for a service account in the CLI); wins over Report folder",
    },
  },
  ...REPORT_SETTINGS,
  ...ATTESTATION_SETTINGS,
];

export function settingKeyOf(typed: unknown): SettingKey | undefined {
  const n = norm(typed);
  return SETTINGS.find((s) => norm(s.ru) === n || norm(s.en) === n || norm(s.key) === n)?.key;
}

/** Journal sheets: «Журнал G01» / «Journal G01». */
export const JOURNAL_PREFIX = { ru: "Журнал ", en: "Journal " } as const;

export function journalSheetName(groupId: string, lang: Lang): string {
  return JOURNAL_PREFIX[lang] + groupId;
}

/** The group ID of a journal tab name, in either language, or undefined. */
export function journalGroupOf(name: string): string | undefined {
  const m = /^\s*(журнал|journal)\s+(.+?)\s*$/i.exec(name);
  return m ? m[2] : undefined;
}
