const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from a report made safe to print on a terminal: C0 and C1 control characters (escape
 * sequences, carriage returns, bells) and the bidirectional overrides that reorder what is shown
 * are made visible instead of acting on the terminal. A tab is shown as →, other C0 characters
 * as their Control Pictures (ESC → ␛), the rest as <U+009B>; each character is replaced on its
 * own, so a line and its parts measure alike.
 */
export function printable(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const c = ch.codePointAt(0)!;
    if (c === 0x09) return '→';
    if (c < 0x20) return String.fromCodePoint(0x2400 + c);
    if (c === 0x7f) return '␡';
    return `<U+${c.toString(16).toUpperCase().padStart(4, '0')}>`;
  });
}
