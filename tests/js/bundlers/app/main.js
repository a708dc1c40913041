// Vite and webpack: nothing to configure; `init()` finds the module beside web.js
// (`new URL(…, import.meta.url)`, which both emit as an asset).
import init from 'quytrinh';
import { run } from './page.js';

await run(() => init());
