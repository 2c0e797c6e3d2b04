export { createFormatter, type DateInput, type FormatSettings, type Formatter } from "./formatter";
