/** A ranking in a card: the #, name and ratings columns every ranked table starts with, then its own. */
import type { ComponentChildren } from 'preact';
import { useTexts } from '../../i18n/lang';
import { staffText } from '../../i18n/staff';

interface Props { title: string; variant?: string; head: ComponentChildren; children: ComponentChildren }

export function RankCard({ title, variant, head, children }: Props) {
  const s = useTexts(staffText);
  return (
    <section class="card">
      <h2>{title}</h2>
      <table class={variant ? `rank ${variant}` : 'rank'}>
        <thead>
          <tr>
            <th scope="col">#</th><th scope="col">{s.name}</th><th scope="col" class="num">{s.ratings}</th>
            {head}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </section>
  );
}
