/**
 * The RPC contract stays JSON: the type-level checks below fail `tsc` (part of `npm test`) the
 * moment a Date, Map, function or class sneaks into a request or response type.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import { createSidebarServer } from "../../src/app/sidebar/index.js";
import {
  type IsJson,
  isRpcMethod,
  RPC_METHODS,
  type RpcMethod,
  type RpcRequest,
  type RpcResponse,
  type SidebarRpc,
} from "../../src/rpc/contract.js";
import { CountingLock } from "../support/fake-ports.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";

type EveryRequestIsJson = { [M in RpcMethod]: IsJson<RpcRequest<M>> };
type EveryResponseIsJson = { [M in RpcMethod]: IsJson<RpcResponse<M>> };
type AllTrue = { [M in RpcMethod]: true };

describe("the RPC contract", () => {
  it("has JSON requests and responses only (no Date)", () => {
    expectTypeOf<EveryRequestIsJson>().toEqualTypeOf<AllTrue>();
    expectTypeOf<EveryResponseIsJson>().toEqualTypeOf<AllTrue>();
  });

  it("has a check that does catch a Date, a Map or a function anywhere", () => {
    expectTypeOf<IsJson<{ a: { b: Date[] } }>>().toEqualTypeOf<false>();
    expectTypeOf<IsJson<{ when?: Date | string }>>().toEqualTypeOf<false>();
    expectTypeOf<IsJson<{ m: Map<string, string> }>>().toEqualTypeOf<false>();
    expectTypeOf<IsJson<{ f: () => void }>>().toEqualTypeOf<false>();
    expectTypeOf<IsJson<{ s?: string; n: number | null; l: { x: boolean }[] }>>().toEqualTypeOf<true>();
  });

  it("lists every method once, and the server implements exactly those", () => {
    expectTypeOf<(typeof RPC_METHODS)[number]>().toEqualTypeOf<keyof SidebarRpc>();
    expect(new Set(RPC_METHODS).size).toBe(RPC_METHODS.length);
    const server = createSidebarServer({
      wb: new MemoryWorkbook(),
      lock: new CountingLock(),
      clock: { now: () => new Date(0) },
      user: "",
    });
    expect(Object.keys(server).sort()).toEqual([...RPC_METHODS].sort());
    expect(isRpcMethod("lessonSave")).toBe(true);
    expect(isRpcMethod("constructor")).toBe(false);
    expect(isRpcMethod("toString")).toBe(false);
  });
});
