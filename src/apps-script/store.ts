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

export function propertiesStore(
  props: GoogleAppsScript.Properties.Properties = PropertiesService.getScriptProperties(),
): Store {
  return {
    get: (key) => props.getProperty(STORE_PREFIX + key),
    set: (key, value) => {
      const size = utf8Length(value);
      if (size > VALUE_LIMIT)
        throw new Error(
          `Property ${STORE_PREFIX}${key} is ${size} bytes; script properties hold at most 9 KB a value`,
        );
      props.setProperty(STORE_PREFIX + key, value);
    },
    delete: (key) => {
      props.deleteProperty(STORE_PREFIX + key);
    },
  };
}
