// Rules every piece of stored text follows, whichever entity it belongs to. Client-safe,
// and free of zod: the queue page's URL reader (list-params.ts) ships to browsers.

// Control characters (NUL included) never belong in metadata; tabs and newlines are
// allowed only in multi-line text such as the use case. Neither may hold the Unicode
// bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069): they make text
// display in another order than it is stored ("Trojan Source"), e.g. a team or a person
// whose name reads as someone else's.
export const SINGLE_LINE = /^[^\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]*$/;
export const MULTI_LINE = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]*$/;

/** No lone UTF-16 surrogates: they are not text, and SQLite refuses them. */
export const isWellFormed = (v: string) => v.isWellFormed();
