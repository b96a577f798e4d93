#!/usr/bin/env node
// Runs the compiled CLI (npm run build). During development use `npm run aadsts -- …`.
import('../dist/cli/main.js').catch((error) => {
  console.error(`aadsts: the CLI is not built (${error.message}). Run "npm run build" first.`);
  process.exit(2);
});
