import { isAlias, isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Problem } from './authoring-problems.ts';
import { yamlProblem } from './authoring-syntax.ts';

/** A key of a mapping with its value; `value` is null for a key with nothing after the colon. */
export interface Entry {
  name: string;
  keyNode: Node;
  value: Node | null;
}

/**
 * An authoring file parsed with positions (YAML, or JSON, which YAML reads too): the nodes the
 * reader walks, and the problems found so far, each at the line and column of its node.
 */
export class AuthoringTree {
  readonly problems: Problem[] = [];
  readonly root: Node | null;
  private readonly lines = new LineCounter();
  private readonly doc: Document.Parsed;

  constructor(readonly text: string, language: 'YAML' | 'JSON' = 'YAML') {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: true });
    // One message per line: the yaml package often reports one mistake several ways.
    const seen = new Set<number | undefined>();
    for (const err of this.doc.errors) {
      const p = yamlProblem(err, language);
      if (!seen.has(p.line)) this.problems.push(p);
      seen.add(p.line);
    }
    this.root = this.problems.length ? null : this.resolve(this.doc.contents);
  }

  /** Notes a problem at a node (at no place without one). */
  at(node: Node | null | undefined, message: string): void {
    const start = node?.range?.[0];
    if (start === undefined) {
      this.problems.push({ message });
      return;
    }
    const { line, col } = this.lines.linePos(start);
    this.problems.push({ line, col, message });
  }

  lineOf(node: Node): number | undefined {
    const start = node.range?.[0];
    return start === undefined ? undefined : this.lines.linePos(start).line;
  }

  /** The node itself, or what an alias (*name) points to. */
  resolve(node: unknown): Node | null {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) this.at(node, `引用了不存在的锚点“${node.source}”`);
      return (target as Node | undefined) ?? null;
    }
    return node as Node;
  }

  /** The value as typed in the file, for messages (its first line, cut at 40 characters). */
  source(node: Node): string {
    const r = node.range;
    const typed = r ? this.text.slice(r[0], r[1]).trim() : String(isScalar(node) ? node.value : '');
    const line = typed.split('\n')[0]!;
    return line.length > 40 || line !== typed ? `${line.slice(0, 40)}……` : line;
  }

  /** True for a missing value or a null scalar (`key:`, `key: null`, `key: ~`). */
  isBlank(node: Node | null): node is null {
    return node === null || (isScalar(node) && (node.value === null || node.value === ''));
  }

  /** The entries of a mapping, or null after noting that `what` should be one. */
  entries(node: Node | null, what: string): Entry[] | null {
    if (!isMap(node)) {
      this.at(node, `${what}应为“名称: 值”逐行写出的内容，此处是“${node ? this.source(node) : ''}”`);
      return null;
    }
    const out: Entry[] = [];
    for (const pair of node.items) {
      const keyNode = this.resolve(pair.key);
      if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
        this.at(keyNode ?? node, `${what}中的名称应为一段文字`);
        continue;
      }
      out.push({ name: String(keyNode.value), keyNode, value: this.resolve(pair.value) });
    }
    return out;
  }
}
