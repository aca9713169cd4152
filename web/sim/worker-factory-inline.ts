// The simulation worker carried inside the script (web component, single-file build).
import InlineWorker from './worker.ts?worker&inline';

export const makeWorker = (): Worker => new InlineWorker();
