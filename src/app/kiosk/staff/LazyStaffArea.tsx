import { useEffect, useState } from 'preact/hooks';
import type { StaffAreaProps } from './StaffArea';
import { dict } from '../../i18n/use';

type StaffModule = typeof import('./StaffArea');
let loading: Promise<StaffModule> | null = null;

/** Loads the staff side on first use, keeping it out of the JavaScript every citizen's screen needs. */
export function LazyStaffArea(props: StaffAreaProps) {
  const [mod, setMod] = useState<StaffModule | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    (loading ??= import('./StaffArea')).then(setMod, (e: unknown) => {
      loading = null; // try again on the next long press
      console.warn('staff corner could not be loaded', e);
      setFailed(true);
    });
  }, []);
  if (mod) return <mod.StaffArea {...props} />;
  return failed ? <p class="field-error" role="alert">{dict(props.lang).cannotVerify}</p> : null;
}
