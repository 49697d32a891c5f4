/**
 * A phone number in E.164 form: `+`, a country code that does not start with 0, then digits only;
 * 8 to 15 digits in all, e.g. `+18009720700`. The one pattern the directory and the simulated call
 * check numbers with.
 */
export const E164_PATTERN = /^\+[1-9]\d{7,14}$/;
