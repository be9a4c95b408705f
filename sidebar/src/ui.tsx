/** What every flow shares: the loaded context, labelled fields, messages, and a busy/error state. */
import type { ComponentChildren } from "preact";
import { createContext } from "preact";
import { useContext, useRef, useState } from "preact/hooks";
import type { Lang, SidebarContext, Text } from "../../src/rpc/contract.js";
import type { Strings } from "./i18n.js";
import { errorText } from "./rpc.js";

export interface Shared {
  ctx: SidebarContext;
  t: Strings;
  lang: Lang;
  /** Replace the context (mutations return the new state; the page keeps it). */
  update(f: (ctx: SidebarContext) => SidebarContext): void;
  /** A flow says it holds unsaved edits (the flow switch and closing the page then ask first). */
  setDirty(dirty: boolean): void;
}

export const SharedContext = createContext<Shared | null>(null);

export function useShared(): Shared {
  return useContext(SharedContext)!;
}

export function Field(props: { label: string; children: ComponentChildren; hint?: string }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child passed in (a wrapping label)
    <label class="block field">
      <span class="label">{props.label}</span>
      {props.children}
      {props.hint ? <span class="gray hint">{props.hint}</span> : null}
    </label>
  );
}

/** An error (role=alert) or a success line (role=status); text only, never markup. */
export function Message(props: { error?: Text | null; ok?: string | null }) {
  const { lang } = useShared();
  if (props.error)
    return (
      <div class="block error" role="alert">
        {props.error[lang]}
      </div>
    );
  if (props.ok)
    return (
      <div class="block ok" role="status">
        {props.ok}
      </div>
    );
  return null;
}

/** Run one server call at a time; keep its error or success line. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Text | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  async function run<T>(f: () => Promise<T>, done?: (v: T) => string | null): Promise<T | undefined> {
    if (busy) return undefined;
    setBusy(true);
    setError(null);
    setOk(null);
    try {
      const v = await f();
      setOk(done ? done(v) : null);
      return v;
    } catch (e) {
      setError(errorText(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, ok, run, setError, setOk };
}

/**
 * Loads where the latest request wins: switching the group or the week while a load is under
 * way starts the new one (useAction would ignore it) and drops the older answer.
 */
export function useLatest() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Text | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  const seq = useRef(0);
  async function run<T>(f: () => Promise<T>, done?: (v: T) => string | null): Promise<T | undefined> {
    const n = ++seq.current;
    setBusy(true);
    setError(null);
    setOk(null);
    try {
      const v = await f();
      if (n !== seq.current) return undefined;
      setOk(done ? done(v) : null);
      return v;
    } catch (e) {
      if (n === seq.current) setError(errorText(e));
      return undefined;
    } finally {
      if (n === seq.current) setBusy(false);
    }
  }
  return { busy, error, ok, run, setError, setOk };
}

/** Options of the group select: the user's own groups first (marked), then the rest. */
export function GroupOptions() {
  const { ctx, t } = useShared();
  return (
    <>
      {ctx.groups.map((g) => (
        <option key={g.id} value={g.id}>
          {`${g.id} · ${g.title || g.subject}${g.mine ? ` (${t.mine})` : ""}`}
        </option>
      ))}
    </>
  );
}

/** Keep a focused element in view above the sticky save bar (and below the top edge). */
export function keepInView(el: Element | null): void {
  if (!el) return;
  const bar = document.querySelector(".savebar");
  const r = el.getBoundingClientRect();
  const limit = (bar?.getBoundingClientRect().top ?? window.innerHeight) - 8;
  if (r.bottom > limit) window.scrollBy(0, r.bottom - limit);
  else if (r.top < 8) window.scrollBy(0, r.top - 8);
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const PHONE = /^[+\d][\d\s()\-.]{4,}$/;
export const CLASS = /^(?:[1-9]|1[01])\s*[A-Za-zА-Яа-яЁё]?$/;

/** Text of an input/select/textarea change event. */
export const value = (e: Event) => (e.currentTarget as HTMLInputElement).value;
