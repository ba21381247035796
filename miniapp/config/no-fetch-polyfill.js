// H5 build: stands in for `whatwg-fetch` (see h5-bundle.ts); the browser's own fetch is used.
export {}
