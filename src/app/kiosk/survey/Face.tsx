import type { Score } from '../../../shared/scale';

const COLOURS: Record<Score, string> = { 5: '#1a7f37', 4: '#3d8b2f', 3: '#a86500', 2: '#c2410c', 1: '#b91c1c' };
// Mouth curve per level: positive bends up (smile), negative down.
const MOUTH: Record<Score, number> = { 5: 14, 4: 8, 3: 0, 2: -7, 1: -13 };

/** A drawn face for one level; decorative, the button carries the name. */
export function FaceIcon({ score }: { score: Score }) {
  const m = MOUTH[score];
  return (
    <svg viewBox="0 0 100 100" aria-hidden="true" focusable="false" class="face-icon">
      <circle cx="50" cy="50" r="46" fill={COLOURS[score]} />
      <circle cx="34" cy="40" r="6" fill="#fff" />
      <circle cx="66" cy="40" r="6" fill="#fff" />
      {score === 1 && <path d="M24 28 L42 33 M76 28 L58 33" stroke="#fff" stroke-width="5" stroke-linecap="round" />}
      <path d={`M30 ${68 - m / 2} Q50 ${68 + m} 70 ${68 - m / 2}`} stroke="#fff" stroke-width="6" fill="none" stroke-linecap="round" />
    </svg>
  );
}

export function faceColour(score: Score): string {
  return COLOURS[score];
}
