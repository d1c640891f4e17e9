/**
 * The script every page runs to start the service worker (service-worker.ts), inlined at the end of <body>
 * by the layout. It waits for `load`, so the worker never competes with the page's own downloads.
 * `updateViaCache: "none"` makes the browser check for a new worker on every visit rather than trusting a
 * copy in its HTTP cache. A page the worker did not load (the first one opened) then asks it to save the
 * page and the files it loaded. A browser without service workers, or one that refuses (private modes,
 * blocked storage), reads the site online as before.
 */
export function registerScript(workerUrl: string): string {
  return (
    `if("serviceWorker"in navigator)addEventListener("load",function(){var s=navigator.serviceWorker,c=s.controller;` +
    `s.register(${JSON.stringify(workerUrl)},{updateViaCache:"none"}).then(function(){return s.ready})` +
    `.then(function(r){if(!c&&r.active)r.active.postMessage({type:"save-visited",urls:[location.href].concat(` +
    `performance.getEntriesByType("resource").map(function(e){return e.name}))})}).catch(function(){})})`
  );
}
