import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { adoptToken } from './api/token';
import './styles.css';

// Browser mode: the token leaves the address bar before anything renders.
if (!('nsinspect' in globalThis)) adoptToken();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
