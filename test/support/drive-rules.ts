/**
 * Who may own and add what in Drive, as Google documents it, for the fake Drive servers.
 *
 * - "Service accounts don't have storage quota and can't own any files. Instead, they must
 *   upload files and folders into shared drives, or use OAuth 2.0 to upload items on behalf
 *   of a human user" (Drive API, "Shared drives overview"); Drive answers 403
 *   storageQuotaExceeded with the text below.
 * - "Files in a shared drive are owned by the shared drive, not individual users"; members
 *   with the role organizer (Manager), fileOrganizer (Content manager) or writer
 *   (Contributor) may add files; commenter and reader may not.
 * - Shared drive items need supportsAllDrives=true ("Whether the requesting application
 *   supports both My Drives and shared drives"), files.list also includeItemsFromAllDrives.
 * - Sharing: "you must check the 'Notify people' box" for an address without a Google account;
 *   a Workspace domain may forbid sharing outside it (403 shareOutNotPermitted).
 */
export type DriveMember = "organizer" | "fileOrganizer" | "writer" | "commenter" | "reader";

export const noStorage =
  "Service Accounts do not have storage quota. Leverage shared drives (https://developers.google.com/workspace/drive/api/guides/about-shareddrives), or use OAuth delegation (http://support.google.com/a/answer/7281227) instead.";

export interface ItemMeta {
  /** The shared drive the item is on (undefined: someone's My Drive). */
  driveId?: string;
  appProperties: Record<string, string>;
}

export interface DriveRules {
  drives: Map<string, { name: string; members: Record<string, DriveMember> }>;
  /** Addresses with no Google account. */
  withoutAccount: Set<string>;
  /** Addresses Drive sent a sharing notification to. */
  notified: string[];
  /** Addresses the domain's sharing policy forbids (403 shareOutNotPermitted). */
  forbidden: Set<string>;
  meta(id: string): ItemMeta;
  setMeta(id: string, m: ItemMeta): void;
}

export function driveRules(): DriveRules {
  const metas = new Map<string, ItemMeta>();
  return {
    drives: new Map(),
    withoutAccount: new Set(),
    notified: [],
    forbidden: new Set(),
    meta(id) {
      let m = metas.get(id);
      if (!m) {
        m = { appProperties: {} };
        metas.set(id, m);
      }
      return m;
    },
    setMeta(id, m) {
      metas.set(id, m);
    },
  };
}

export const canAddFiles = (role: DriveMember | undefined) =>
  role === "organizer" || role === "fileOrganizer" || role === "writer";

export const needsNotification = (rules: DriveRules, email: string) =>
  rules.withoutAccount.has(email.trim().toLowerCase());
