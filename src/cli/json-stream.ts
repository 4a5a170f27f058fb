import type { Sink } from './sink.ts';

/**
 * Writes JSON values (each already `toJson` text) as one array, exactly as `toJson([...])` would print
 * it, as they come (the first is held until a second comes: a single value may be printed alone).
 */
export class JsonArrayStream {
  private held: string | null = null;
  private count = 0;

  constructor(private readonly sink: Sink) {}

  async add(json: string): Promise<void> {
    this.count++;
    if (this.count === 1) {
      this.held = json;
      return;
    }
    const opening = this.held === null ? '' : `[\n${indent(this.held)}`;
    this.held = null;
    await this.sink.write(`${opening},\n${indent(json)}`);
  }

  /** `oneAsObject`: a single value is printed as itself; `empty`: what to print for none. */
  async end(oneAsObject: boolean, empty: string): Promise<void> {
    if (this.count === 0) {
      if (empty) await this.sink.write(empty);
    } else if (this.held !== null) {
      await this.sink.write(oneAsObject ? `${this.held}\n` : `[\n${indent(this.held)}\n]\n`);
    } else {
      await this.sink.write('\n]\n');
    }
    await this.sink.end();
  }
}

const indent = (json: string) => json.replace(/^/gm, '  ');
