import "./lib/zod-jitless.ts";
import { render } from "solid-js/web";
import { App } from "./App.tsx";
import { restoreSession } from "./lib/session.ts";
import "./styles.css";

const root = document.getElementById("root");
if (root) render(() => <App />, root);
// Restores the session from the refresh cookie, if this browser signed in.
void restoreSession();
