/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload for tsx: require is the point */
// Preloaded by the tsx scripts (seed, benches, clock): they run Tend's server code outside Next,
// where `import "server-only"` would throw. Next resolves the marker with its "react-server"
// condition to an empty module; this does the same for plain Node, and nothing else.
const Module = require("node:module");
const path = require("node:path");

const empty = path.join(path.dirname(require.resolve("server-only")), "empty.js");
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === "server-only" ? empty : resolve.call(this, request, ...rest);
};
