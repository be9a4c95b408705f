/**
 * The monthly report's optional sections as the workbook holds them: presence from the LMS
 * (issue 19), absence reasons (21), attestations and their results (16), ИУП corrections and
 * the portfolio (17). The monthly job and `coordinator report` pass the same set.
 */

import type { Model } from "../core/model.js";
import type { Table } from "../ports.js";
import { absenceReasonsIn } from "./absence-reasons.js";
import { attestationIn } from "./attestation.js";
import { individualIn } from "./individual.js";
import { presenceRowsIn } from "./presence.js";
import type { MonthSections } from "./report.js";

export function monthSectionsIn(model: Model, tables: ReadonlyMap<string, Table>): MonthSections {
  return {
    presence: presenceRowsIn(model, tables),
    reasons: absenceReasonsIn(model, tables),
    attestation: attestationIn(model, tables),
    individual: individualIn(model, tables),
  };
}
