import { useState } from 'preact/hooks';
import { CorrectionAnswerSchema, type CategorisedComment, type CategoryCount, type CommentsReport } from '../../../shared/api';
import { api } from '../../common/api';
import { useSending } from '../../common/sending';
import { insightsText } from '../../i18n/insights';
import { useLang, usePick, useTexts } from '../../i18n/lang';
import { staffText } from '../../i18n/staff';
import { errorText, type Failure } from '../../i18n/format';

function Chips({ codes, labels }: { codes: readonly string[]; labels: Map<string, CategoryCount> }) {
  const pick = usePick();
  return <>{codes.map((c) => { const l = labels.get(c); return <span key={c} class={`tag cat c-${c}`}>{l ? pick(l) : c}</span>; })}</>;
}

function Correct({ comment, site, labels, onSaved }: { comment: CategorisedComment; site: string; labels: CategoryCount[]; onSaved: () => void }) {
  const tx = useTexts(insightsText);
  const pick = usePick();
  const [picked, setPicked] = useState(new Set(comment.codes));
  const s = useTexts(staffText);
  const [error, setError] = useState<Failure | null>(null);
  // Saved once however often 保存 is clicked: each save is a correction and an audit line.
  const saving = useSending();
  const save = () => saving.send(async () => {
    const r = await api.post('/api/v1/insights/corrections', { site, commentId: comment.id, categories: [...picked] }, CorrectionAnswerSchema);
    if (r.ok) onSaved(); else setError(r);
  });
  return (
    <fieldset class="correct">
      <legend>{tx.correct}</legend>
      {labels.map((l) => (
        <label key={l.code} class="toggle">
          <input type="checkbox" checked={picked.has(l.code)} onChange={(e) => {
            const next = new Set(picked);
            if ((e.target as HTMLInputElement).checked) next.add(l.code); else next.delete(l.code);
            setPicked(next);
          }} /> {pick(l)}
        </label>
      ))}
      <button type="button" disabled={saving.busy} onClick={() => void save()}>{tx.save}</button>
      {error && <p class="error" role="alert">{errorText(s, error)}</p>}
    </fieldset>
  );
}

/** Category counts against the previous period, the comments with their categories and why, and corrections. */
export function CategoriesView({ data, canCorrect, onChanged }: { data: CommentsReport; canCorrect: boolean; onChanged: () => void }) {
  const tx = useTexts(insightsText);
  const pick = usePick();
  const [filter, setFilter] = useState<string>('');
  const [editing, setEditing] = useState<string | null>(null);
  const labels = new Map(data.categories.map((c) => [c.code, c]));
  const nameOf = (code: string) => { const l = labels.get(code); return l ? pick(l) : code; };
  const en = useLang() === 'en';
  const shown = filter ? data.comments.filter((c) => c.codes.includes(filter)) : data.comments;
  return (
    <div class="insights-categories">
      <section class="card">
        <table class="rank categories">
          <thead><tr><th scope="col">{tx.categories}</th><th scope="col" class="num">{tx.thisPeriod}</th><th scope="col" class="num">{tx.previousPeriod}</th><th scope="col" class="num">{tx.change}</th></tr></thead>
          <tbody>
            {data.categories.map((c) => (
              <tr key={c.code}>
                <td><button type="button" class="linklike" aria-pressed={filter === c.code} onClick={() => setFilter(filter === c.code ? '' : c.code)}>{pick(c)}</button></td>
                <td class="num">{c.count}</td><td class="num">{c.before}</td>
                <td class={`num ${c.count > c.before ? 'more' : ''}`}>{c.count - c.before > 0 ? '+' : ''}{c.count - c.before}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {data.suggestedKeywords.length > 0 && (
          <p class="suggested"><b>{tx.suggested}:</b> {data.suggestedKeywords.slice(0, 12).map((k) => `${nameOf(k.code)}「${k.term}」×${k.comments}`).join(en ? ', ' : '，')}</p>
        )}
      </section>
      <section class="card">
        {shown.length === 0 && <p class="muted">{tx.noComments}</p>}
        <ul class="feedback">
          {shown.slice(0, 100).map((c) => (
            <li key={c.id} class={c.score !== null && c.score <= 2 ? 'bad' : ''}>
              <div class="meta">
                <span>{c.day}</span>{c.score !== null && <span class={`tag s${c.score}`}>{c.score}</span>}
                <Chips codes={c.codes} labels={labels} />
                {c.corrected && <span class="muted small">{tx.corrected} · {tx.rulesSaid}: {c.corrected.rules.map(nameOf).join(en ? ', ' : '、') || '—'}</span>}
                {canCorrect && <button type="button" class="linklike small" onClick={() => setEditing(editing === c.id ? null : c.id)}>{tx.correct}</button>}
              </div>
              <p class="text">{c.text}</p>
              {!c.corrected && c.hits.length > 0 && <p class="why small muted">{c.hits.map((h) => `${nameOf(h.code)}${en ? ': ' : '：'}${h.match}`).join(' · ')}</p>}
              {editing === c.id && <Correct comment={c} site={data.siteId} labels={data.categories} onSaved={() => { setEditing(null); onChanged(); }} />}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
