/** The compile target of every published file (docs/architecture.md: evergreen browsers, Node ≥ 20). */
export const BUILD_TARGET = 'es2020';
