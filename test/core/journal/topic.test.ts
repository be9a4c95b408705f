import { describe, expect, it } from "vitest";
import { joinTopic, splitTopic } from "../../../src/core/journal/topic.js";

describe("topic and homework in the topic row", () => {
  it("writes the homework on its own «ДЗ:» line and reads it back, also typed by hand", () => {
    expect(joinTopic({ topic: " Дроби ", homework: "№ 5" }, "ru")).toBe("Дроби\nДЗ: № 5");
    expect(joinTopic({ topic: "", homework: "p. 12" }, "en")).toBe("HW: p. 12");
    expect(joinTopic({ topic: "Дроби", homework: "" }, "ru")).toBe("Дроби");
    expect(splitTopic("Дроби\nДЗ: № 5")).toEqual({ topic: "Дроби", homework: "№ 5" });
    expect(splitTopic("Fractions\nhomework: p. 12")).toEqual({ topic: "Fractions", homework: "p. 12" });
    expect(splitTopic("Просто тема")).toEqual({ topic: "Просто тема", homework: "" });
  });
});
