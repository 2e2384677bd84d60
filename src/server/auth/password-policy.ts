/** How long a person's password must be; the first admin's ADMIN_PASSWORD meets the same rule. */
export const PASSWORD_MIN_LENGTH = 10;

/** Why ADMIN_PASSWORD cannot be used, or null when it is unset (a password is then generated) or long enough. */
export function adminPasswordProblem(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  if ([...value].length < PASSWORD_MIN_LENGTH) return `ADMIN_PASSWORD must be at least ${PASSWORD_MIN_LENGTH} characters; unset it to have one generated`;
  return null;
}
