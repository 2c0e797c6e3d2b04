/** The cookie in which the browser tells the server its time zone (set by FormatProvider). */
export const VIEWER_ZONE_COOKIE = "tend_tz";
