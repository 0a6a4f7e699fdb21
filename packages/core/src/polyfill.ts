/**
 * Side-effect entry: installs the Reflect metadata API that tsyringe checks for at import time.
 * `reflect-metadata/lite` provides the API without the global registry hooks (about 1 KB smaller).
 * NOTE: this is the only module of the SDK with a side effect; `package.json#sideEffects` lists it.
 */
import 'reflect-metadata/lite';
