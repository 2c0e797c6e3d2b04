export * from "./enums";
export * from "./organizations";
export * from "./users";
export * from "./contacts";
export * from "./audit";
