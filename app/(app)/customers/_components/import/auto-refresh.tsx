"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";

/** Re-reads the job's progress every two seconds while it runs. */
export function AutoRefresh() {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(timer);
  }, [router]);
  return null;
}
