/** Types of sidebar/build.mjs (plain JS: scripts/build.mjs runs it without a TypeScript loader). */
export function buildSidebar(distDir: string): Promise<{ path: string; bytes: number }>;
