// The export worker from the source tree (tests, `npm run serve:dev`): plain JavaScript, so it starts
// as it is under tsx, Vite or Vitest alike; it registers tsx itself and then loads the TypeScript
// body, write-worker-main.ts. A built server starts the compiled body instead (write-off-thread.ts).
import { register } from 'tsx/esm/api';

register();
await import(new URL('./write-worker-main.ts', import.meta.url).href);
