/** Bump when the reader's output changes shape or meaning: cached declarations from older readers are discarded. */
export const PARSER_VERSION = 1;
