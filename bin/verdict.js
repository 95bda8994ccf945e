#!/usr/bin/env node
// Thin launcher so `npx verdict` works without a build step: tsx loads the TypeScript sources.
import { register } from 'tsx/esm/api';

register();
await import('./verdict.ts');
