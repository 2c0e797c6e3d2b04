export * from "./enums";
export * from "./organizations";
export * from "./users";
export * from "./contacts";
export * from "./customers";
export * from "./audit";
export * from "./activities";
export * from "./events";
