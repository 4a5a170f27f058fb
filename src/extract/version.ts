/**
 * The version of the reading (ingest and extract): stored with every report it produced, so that
 * reports read by an older extractor can be found and read again from their kept originals.
 * Change it whenever a change makes the same document read differently.
 */
export const EXTRACTOR_VERSION = '2026.12.08.9';
