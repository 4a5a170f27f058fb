/**
 * Conversion artefacts in text copied out of Word by converters ("[image: …]",
 * "[bookmark: _GoBack]") and the HTML a Markdown converter leaves for tables it
 * cannot draw (pandoc's commonmark: "<td colspan="4">…</td>", "<br>"), and the heading marks a
 * PDF→Markdown converter puts before every line ("## 规章 0 0 0") or around text it takes for a footnote mark
 * (@opendocsg/pdf2md: "数量 (^6969 5555 … 1919054742)", the text inside is the report's). They are not
 * report text: readers skip them.
 */
// Of HTML, only the tags of a table a converter could not draw: other markup in a text report is its content.
export const MARKUP = /^\s{0,3}#{1,6}(?=\s)|\[(?:image|bookmark):[^\]]*\]|\(\^(?=[^()]*\))|\)(?<=\(\^[^()]*\))|<!--[\s\S]*?-->|<\/?(?:table|thead|tbody|tfoot|tr|td|th|colgroup|col|caption|br)\b[^<>]*\/?>/gi;
/** A line that holds nothing but such markers. */
export const MARKUP_LINE = /^\s{0,3}(?:#{1,6}(?=\s|$))?\s*((?:\[(?:image|bookmark):[^\]]*\]|<!--[\s\S]*?-->|<\/?(?:table|thead|tbody|tfoot|tr|td|th|colgroup|col|caption|br)\b[^<>]*\/?>)\s*)+$/i;
const BRACKETS = /[[<]|\(\^/;

/** Texts up to this long are scanned by hand: for them the call of a regular expression or of indexOf costs more. */
export const SHORT_TEXT = 32;

/** A cheap test before the regular expressions: a bracket or "(^" anywhere, or "#" among the first four characters. */
export function mayHaveMarkup(text: string): boolean {
  for (let i = 0; i < 4 && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 35) return true; // #
    if (c !== 32 && c !== 9) break;
  }
  if (text.length > SHORT_TEXT) return BRACKETS.test(text);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 60) return true; // [ <
    if (c === 40 && text.charCodeAt(i + 1) === 94) return true; // (^
  }
  return false;
}

/** The text with every marker replaced by spaces of the same length, so that offsets stay true. */
export function blankMarkup(text: string): string {
  return mayHaveMarkup(text) ? text.replace(MARKUP, (m) => ' '.repeat(m.length)) : text;
}
