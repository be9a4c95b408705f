/** The Store port over script properties, keys namespaced "coordinator.<key>". */
import type { Store } from "../ports.js";

export const STORE_PREFIX = "coordinator.";
/** Apps Script refuses a property value over 9 KB; say which key, not "Argument too large". */
const VALUE_LIMIT = 9 * 1024;

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/**
 * `snapshot`: the first get reads every property in one getProperties() (one round trip for
 * the three or more a monthly run asks); later gets answer from it, and this store's own
 * writes keep it current. For a run that holds the document lock before its first get (the
 * monthly job): another execution that writes properties takes the same lock.
 */
export function propertiesStore(
  props: GoogleAppsScript.Properties.Properties = PropertiesService.getScriptProperties(),
  opts: { snapshot?: boolean } = {},
): Store {
  let cache: Record<string, string> | null = null;
  const read = (key: string): string | null => {
    if (!opts.snapshot) return props.getProperty(key);
    cache ??= props.getProperties();
    return cache[key] ?? null;
  };
  return {
    get: (key) => read(STORE_PREFIX + key),
    set: (key, value) => {
      const size = utf8Length(value);
      if (size > VALUE_LIMIT)
        throw new Error(
          `Property ${STORE_PREFIX}${key} is ${size} bytes; script properties hold at most 9 KB a value`,
        );
      props.setProperty(STORE_PREFIX + key, value);
      if (cache) cache[STORE_PREFIX + key] = value;
    },
    delete: (key) => {
      props.deleteProperty(STORE_PREFIX + key);
      if (cache) delete cache[STORE_PREFIX + key];
    },
  };
}
