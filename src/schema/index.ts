export * from './normalize.ts';
export * from './labels.ts';
export * from './sections.ts';
export * from './active.ts';
export * from './requests.ts';
export * from './review.ts';
export * from './templates.ts';
export * from './types.ts';
