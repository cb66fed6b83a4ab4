/** A mainland China mobile number, as the API accepts it (spaces and +86 aside). */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
