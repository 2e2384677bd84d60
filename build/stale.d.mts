/** Types of build/stale.mjs, for the tests that drive it. */
export declare const SOURCES: readonly string[];
export declare const OUTPUTS: readonly string[];
/** Why a build is needed under `root`, or null when every output exists and is newer than every source. */
export declare function staleReason(root: string, sources?: readonly string[], outputs?: readonly string[]): string | null;
/** The environment `npm start` builds in: NODE_ENV production, the rest as given. */
export declare function buildEnv(env: Record<string, string | undefined>): Record<string, string | undefined>;
