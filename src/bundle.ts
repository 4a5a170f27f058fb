declare const __OGI_BUNDLE__: Bundle | undefined;

/** What scripts/build.mjs writes into the prebuilt CLI (.build/cli), where no source folder can be listed. */
export interface Bundle {
  /** The module beside the prebuilt files that holds every rule of src/check/rules: `{ files, modules }`. */
  rules: string;
}

/**
 * Set in the prebuilt CLI that `npm install` makes (scripts/build.mjs); undefined when the TypeScript
 * sources run through tsx. The prebuilt files sit two folders below the repository root, as src/<stage>/
 * does, so paths relative to the root stay the same; files beside a module (worker entries, static
 * files) are found through it.
 */
export const BUNDLE: Bundle | undefined = typeof __OGI_BUNDLE__ === 'undefined' ? undefined : __OGI_BUNDLE__;
