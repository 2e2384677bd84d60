import type { StaffAreaProps } from './StaffArea';
import { citizenDict } from '../../i18n/citizen';
import { lazy } from '../lazy';

/** Loads the staff side on first use, keeping it out of the JavaScript every citizen's screen needs. */
export const { Lazy: LazyStaffArea } = lazy<StaffAreaProps>(
  () => import('./StaffArea').then((m) => m.StaffArea),
  (p, failed) => (failed ? <p class="field-error" role="alert">{citizenDict(p.lang).cannotVerify}</p> : null),
);
