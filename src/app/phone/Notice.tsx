import { useHeadingFocus } from '../kiosk/survey/useHeadingFocus';

/** A full-screen message on the phone: finished, or a code it cannot use (expired, unreadable, already rated). */
export function Notice({ tone, title, detail }: { tone: 'done' | 'problem'; title: string; detail?: string }) {
  const heading = useHeadingFocus();
  return (
    <section class={`phone-notice ${tone}`} role={tone === 'problem' ? 'alert' : 'status'}>
      <svg viewBox="0 0 48 48" aria-hidden="true" focusable="false" class="notice-mark">
        <circle cx="24" cy="24" r="22" fill={tone === 'done' ? '#1a7f37' : '#a86500'} />
        {tone === 'done'
          ? <path d="M14 25 L21 32 L34 17" stroke="#fff" stroke-width="4.5" fill="none" stroke-linecap="round" stroke-linejoin="round" />
          : <path d="M24 12 V28 M24 34 V36" stroke="#fff" stroke-width="5" stroke-linecap="round" />}
      </svg>
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      {detail && <p>{detail}</p>}
    </section>
  );
}
