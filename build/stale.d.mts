/** Types of build/stale.mjs, for the tests that drive it. */
export declare const SOURCES: readonly string[];
export declare const OUTPUTS: readonly string[];
/** Why a build is needed under `root`, or null when every output exists and is newer than every source. */
export declare function staleReason(root: string, sources?: readonly string[], outputs?: readonly string[]): string | null;
