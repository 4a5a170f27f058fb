/** An input problem a user can act on. `message` is Chinese and names the file and the place. */
export class InputError extends Error {
  constructor(
    readonly code: 'missing' | 'unreadable' | 'empty' | 'not-a-report' | 'no-structure' | 'unsupported' | 'damaged' | 'unwritable' | 'usage',
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}
