/**
 * The sidebar's server: every RPC method of src/rpc/contract.ts over the ports. The Apps Script
 * global `sidebarRpc` and the local preview server both dispatch to the object made here.
 * Every write takes the lock, re-reads what it changes, refuses stale edits and appends to
 * «Аудит»; every string written is neutralised by the Workbook adapter.
 */
import type { RpcMethod, RpcRequest, RpcResponse } from "../../rpc/contract.js";
import { achievementAdd } from "./achievement.js";
import { attestationResultsLoad, attestationResultsSave } from "./attestation-results.js";
import { changeCheck, changeSave } from "./change.js";
import type { SidebarPorts } from "./common.js";
import { contactAdd } from "./contact.js";
import { context } from "./context.js";
import { enroll, enrollmentEnd } from "./enrollment.js";
import { lessonLoad, lessonSave } from "./lesson.js";
import { planCheck, planLoad, planSave } from "./plan.js";
import { reportBuild } from "./report.js";
import { riskList } from "./risk.js";
import { studentSave } from "./student.js";
import { weekLoad, weekSave } from "./week.js";

export type { SidebarPorts } from "./common.js";

/** The implementation: one function per method; only the report may answer with a Promise (Node). */
export type SidebarServer = {
  [M in RpcMethod]: (
    req: RpcRequest<M>,
  ) => M extends "reportBuild" ? RpcResponse<M> | Promise<RpcResponse<M>> : RpcResponse<M>;
};

export function createSidebarServer(ports: SidebarPorts): SidebarServer {
  return {
    context: () => context(ports),
    lessonLoad: (req) => lessonLoad(ports, req),
    lessonSave: (req) => lessonSave(ports, req),
    weekLoad: (req) => weekLoad(ports, req),
    weekSave: (req) => weekSave(ports, req),
    riskList: (req) => riskList(ports, req),
    studentSave: (req) => studentSave(ports, req),
    enroll: (req) => enroll(ports, req),
    enrollmentEnd: (req) => enrollmentEnd(ports, req),
    contactAdd: (req) => contactAdd(ports, req),
    changeCheck: (req) => changeCheck(ports, req),
    changeSave: (req) => changeSave(ports, req),
    reportBuild: (req) => reportBuild(ports, req),
    planLoad: (req) => planLoad(ports, req),
    planCheck: (req) => planCheck(ports, req),
    planSave: (req) => planSave(ports, req),
    achievementAdd: (req) => achievementAdd(ports, req),
    attestationResultsLoad: (req) => attestationResultsLoad(ports, req),
    attestationResultsSave: (req) => attestationResultsSave(ports, req),
  };
}
