/**
 * The largest request body any endpoint reads (HTTP and Lambda alike). The biggest legitimate body
 * is a `recordEvents` batch of 500 events (~150 kB); anything larger is refused with 413 before
 * parsing, so a client cannot make the server buffer and parse megabytes.
 */
export const MAX_REQUEST_BODY_BYTES = 256 * 1024;
