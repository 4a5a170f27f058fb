// The contract (contract.ts: zod schemas built when loaded) is imported from its own file, not through here.
export * from './normalize.ts';
export * from './labels.ts';
export * from './sections.ts';
export * from './active.ts';
export * from './requests.ts';
export * from './review.ts';
export * from './templates.ts';
export * from './types.ts';
export * from './notes.ts';
export * from './cells.ts';
export * from './identities.ts';
export * from './places.ts';
export * from './derive.ts';
export * from './message.ts';
export * from './carry-over.ts';
