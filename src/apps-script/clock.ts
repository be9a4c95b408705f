/** The Clock port: the real time (the core never calls Date.now() itself). */
import type { Clock } from "../ports.js";

export const systemClock: Clock = {
  now: () => new Date(),
};
