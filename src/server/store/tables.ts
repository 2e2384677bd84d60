/** The tables the store keeps, the same on every engine. */

/**
 * Every table that holds data of its own, with its primary key, in an order that satisfies references.
 * The roll-up tables are derived: they are rebuilt from responses, not copied.
 */
export const TABLES: Readonly<Record<string, string>> = {
  users: 'id', sessions: 'token_hash', kiosks: 'id', responses: 'id', suggestions: 'id', audit: 'id', settings: 'key',
  pairing_codes: 'code_hash', vetoes: 'id', display_tokens: 'id', qr_secrets: 'kid', qr_cases: 'case_no',
  qr_phone_ratings: 'record_id', rate_failures: 'id', job_leases: 'name',
  insight_corrections: 'id', followup_cases: 'number', followup_events: 'id', followup_serials: 'id', rating_exclusions: 'response_id',
  alerts: 'id', alert_outbox: 'seq', report_runs: 'job', alert_channels: 'id', integration_keys: 'id',
};
