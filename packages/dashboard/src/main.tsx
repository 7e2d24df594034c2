import { render } from 'preact';
import { watchUserInput } from './api';
import { App } from './app';
import './styles.css';

watchUserInput(document);
const root = document.getElementById('app');
if (root) render(<App />, root);
