/** How an engine builds its areas: one constructor per area over the engine's connection view. */
import type { Areas } from './types';

/** An engine's area constructors, one per area of `Areas` (the compiler names any that is missing). */
export type AreaMakers<C> = { [K in keyof Areas]: (c: C) => Areas[K] };

/** Every area over one connection view (the store's own, or a unit of work's). */
export function bindAreas<C>(makers: AreaMakers<C>, c: C): Areas {
  return Object.fromEntries(Object.entries(makers).map(([name, make]) => [name, (make as (c: C) => unknown)(c)])) as unknown as Areas;
}
