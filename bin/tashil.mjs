#!/usr/bin/env node
// The tashil command. TypeScript sources run through tsx's loader in this same process,
// so the PID a script holds is the server's own.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
