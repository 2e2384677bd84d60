/** Five stars, filled as graded; a dash (no grade yet) or 一票否决 otherwise. */
export function Stars({ stars, grade }: { stars: number | null; grade: string }) {
  if (stars === null) return <span class="stars none">{grade === '一票否决' ? grade : '— 评价数不足'}</span>;
  return (
    <span class="stars" role="img" aria-label={`${stars} 星`}>
      <span class="on">{'★'.repeat(stars)}</span><span class="off">{'★'.repeat(5 - stars)}</span>
    </span>
  );
}
