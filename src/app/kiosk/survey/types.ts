/** What the survey screens need from whoever stores the answers (the kiosk's IndexedDB, or the phone page). */
import type { Score } from '../../../shared/scale';
import type { SurveyPatch } from '../../../shared/survey';
import type { SaveOutcome } from '../../../device/recorder';

export type { SaveOutcome };

/**
 * The screens of one citizen's survey, in the order they can appear; `rechoose` is the faces again, for a citizen
 * changing the rating they just saved (mid-survey: no idle extras, the inactivity timer runs).
 */
export type SurveyScreen = 'faces' | 'reasons' | 'comment' | 'thanks' | 'failed' | 'rechoose';

export interface SurveyHandlers {
  /** Saves the rating at the first tap; resolves once it is stored. */
  onRate: (score: Score) => Promise<SaveOutcome>;
  /** Saves a later step of the same response (same id, next revision), a changed score among them. */
  onUpdate: (patch: SurveyPatch) => Promise<SaveOutcome>;
}
