/**
 * Conversion artefacts in text copied out of Word by converters ("[image: …]",
 * "[bookmark: _GoBack]"). They are not report text: readers skip them.
 */
export const MARKUP = /\[(?:image|bookmark):[^\]]*\]/g;
/** A line that holds nothing but such markers. */
export const MARKUP_LINE = /^\s*(\[(?:image|bookmark):[^\]]*\]\s*)+$/;

/** The text with every marker replaced by spaces of the same length, so that offsets stay true. */
export function blankMarkup(text: string): string {
  return text.replace(MARKUP, (m) => ' '.repeat(m.length));
}
