// Rules every piece of stored text follows, whichever entity it belongs to. Client-safe.

// Control characters (NUL included) never belong in metadata; tabs and newlines are
// allowed only in multi-line text such as the use case.
export const SINGLE_LINE = /^[^\u0000-\u001f\u007f]*$/;
export const MULTI_LINE = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;

/** No lone UTF-16 surrogates: they are not text, and SQLite refuses them. */
export const isWellFormed = (v: string) => v.isWellFormed();
