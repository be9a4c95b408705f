import { afterEach, describe, expect, it } from "vitest";
import { BUSY_MESSAGE, documentLock, withDocumentLock } from "../../src/apps-script/lock.js";
import { UserError } from "../../src/node/errors.js";
import { createFakes, type FakeOptions, type Fakes } from "../fakes/index.js";

let fakes: Fakes;
let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

function setup(opts: FakeOptions = {}): Fakes {
  fakes = createFakes(opts);
  restore = fakes.install();
  return fakes;
}

describe("withDocumentLock", () => {
  it("runs the function holding the document lock, flushes, then releases", () => {
    setup();
    let heldInside = false;
    const out = withDocumentLock(() => {
      heldInside = fakes.lock._held("document");
      return 42;
    });
    expect(out).toBe(42);
    expect(heldInside).toBe(true);
    expect(fakes.lock._held("document")).toBe(false);
    expect(fakes.lock.waits).toEqual([{ scope: "document", timeoutMs: 30000 }]);
    const order = fakes.calls.log.filter((m) => /flush|releaseLock|tryLock/.test(m));
    expect(order).toEqual(["Lock.tryLock", "SpreadsheetApp.flush", "Lock.releaseLock"]);
  });

  it("releases the lock when the function throws, and the error passes through", () => {
    setup();
    expect(() =>
      withDocumentLock(() => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(fakes.lock._held("document")).toBe(false);
    // The next action is not blocked by the failed one.
    expect(withDocumentLock(() => "next")).toBe("next");
  });

  it("gives a clear ru/en user error when another execution holds the lock past the timeout", () => {
    setup();
    fakes.lock._contend("document");
    let ran = false;
    const err = (() => {
      try {
        withDocumentLock(() => {
          ran = true;
        }, 5000);
      } catch (e) {
        return e;
      }
    })() as UserError;
    expect(ran).toBe(false);
    expect(err).toBeInstanceOf(UserError);
    expect(err.code).toBe("busy");
    expect(err.text("ru")).toBe(
      "Книгу сейчас изменяет другой пользователь или задача; повторите через минуту",
    );
    expect(err.msg).toEqual(BUSY_MESSAGE);
    expect(fakes.lock.waits.at(-1)).toEqual({ scope: "document", timeoutMs: 5000 });
    // Nothing of ours to release; the other holder still has it.
    expect(fakes.calls.count("Lock.releaseLock")).toBe(0);
    expect(fakes.lock._held("document")).toBe(true);
  });

  it("waits out a holder that finishes within the timeout", () => {
    setup();
    fakes.lock._contend("document", 10000);
    expect(withDocumentLock(() => "done")).toBe("done");
    expect(fakes.lock._held("document")).toBe(false);
  });

  it("is re-entrant: a nested call inside the lock does not wait for itself", () => {
    setup();
    const out = withDocumentLock(() => withDocumentLock(() => "inner"));
    expect(out).toBe("inner");
    expect(fakes.calls.count("Lock.tryLock")).toBe(1);
    expect(fakes.lock._held("document")).toBe(false);
    // After a throw inside a nested call, the depth is back to zero: the next call locks again.
    expect(() =>
      withDocumentLock(() =>
        withDocumentLock(() => {
          throw new Error("x");
        }),
      ),
    ).toThrow("x");
    withDocumentLock(() => undefined);
    expect(fakes.calls.count("Lock.tryLock")).toBe(3);
  });

  it("uses the script lock in a standalone script (no document lock there)", () => {
    setup({ spreadsheet: null });
    let scriptHeld = false;
    withDocumentLock(() => {
      scriptHeld = fakes.lock._held("script");
    });
    expect(scriptHeld).toBe(true);
    expect(fakes.lock._held("script")).toBe(false);
  });

  it("documentLock implements the Lock port with the same lock", () => {
    setup();
    fakes.lock._contend("document");
    expect(() => documentLock.withLock(() => 1)).toThrow(UserError);
    fakes.lock._release("document");
    expect(documentLock.withLock(() => 2)).toBe(2);
  });
});
