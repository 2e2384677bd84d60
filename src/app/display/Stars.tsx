import type * as v from 'valibot';
import type { GradeSchema } from '../../shared/api';
import { useTexts } from '../i18n/lang';
import { staffText } from '../i18n/staff';
import { fill } from '../i18n/use';

/** Five stars, filled as graded; too few ratings or a veto as words. */
export function Stars({ grade }: { grade: v.InferOutput<typeof GradeSchema> }) {
  const s = useTexts(staffText);
  if (grade.kind !== 'stars') return <span class="stars none">{grade.kind === 'vetoed' ? s.vetoed : s.notEnough}</span>;
  return (
    <span class="stars" role="img" aria-label={fill(s.starsLabel, { n: grade.stars })}>
      <span class="on">{'★'.repeat(grade.stars)}</span><span class="off">{'★'.repeat(5 - grade.stars)}</span>
    </span>
  );
}
