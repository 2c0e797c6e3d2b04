// Stands in for `server-only`, whose real module throws outside a React Server environment.
export {};
