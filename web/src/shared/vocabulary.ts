// Volunteers' skills: the codes needs ask for and the matching compares. Both apps name them
// from the shared messages (`skill.<code>` in shared/i18n/locales), so a skill reads the same
// on the phone that declares it and in the console that verifies it.
export const SKILLS = [
  "math",
  "chinese",
  "english",
  "physics",
  "counseling",
  "play_therapy",
  "physio",
  "speech",
  "nursing",
  "law",
  "parenting",
] as const;
export type Skill = (typeof SKILLS)[number];
