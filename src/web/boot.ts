/**
 * The first script of the page (issue 15, a lighter first load). index.html lists it before main.tsx; Vite bundles both
 * into the entry chunk, this one first, so it runs as the entry chunk starts — before React, the router and the app are
 * evaluated. Behind the sign-in every page sits in the signed-in frame (app-layout.tsx, its own chunk): start fetching
 * that chunk and what it needs now rather than once the router gets there. Fetching only — the router draws the frame
 * (app/routes/root.tsx). A visitor who turns out not to be signed in has it cached for after signing in.
 */
const PUBLIC_PAGES = /^\/(login|register)(\/|$)/;

if (!PUBLIC_PAGES.test(window.location.pathname)) void import('./app/app-layout.js');
