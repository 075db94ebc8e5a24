import './monacoWorkers.js';
import { createRoot } from 'react-dom/client';
import { Explorer } from './Explorer.js';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './explorer.css';

createRoot(document.getElementById('root')!).render(<Explorer />);
