// Entry of the server bundle (dist/server.js) that the VS Code client starts.
import { runServer } from './main';

runServer();
