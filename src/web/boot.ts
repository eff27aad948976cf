/**
 * The first script of the page (index.html lists it before main.tsx; issue 15, a lighter first load). Behind the
 * sign-in every page sits in the signed-in frame (app-layout.tsx, its own chunk): start fetching that chunk and what it
 * needs now, while the main bundle is still being read, rather than after it. Fetching only — the router draws the
 * frame when it gets there (app/routes/root.tsx). A visitor who turns out not to be signed in has it cached for after
 * signing in.
 */
const PUBLIC_PAGES = /^\/(login|register)(\/|$)/;

if (!PUBLIC_PAGES.test(window.location.pathname)) void import('./app/app-layout.js');
