export { users } from './users/index.js';
export { curriculum } from './curriculum/index.js';
export { memory } from './memory/index.js';
export { analytics } from './analytics/index.js';
export { datarights } from './datarights/index.js';
