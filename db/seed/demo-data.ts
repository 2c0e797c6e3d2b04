import type { LifecycleStage } from "@/lib/customers/lifecycle";
import { pick, pickWeighted } from "./random";

const FIRST_NAMES = [
  "Amelia",
  "Noah",
  "Olivia",
  "Liam",
  "Sofia",
  "Mateo",
  "Aisha",
  "Kenji",
  "Chloé",
  "Lucas",
  "Priya",
  "Ethan",
  "Fatima",
  "Hugo",
  "Ingrid",
  "Jonas",
  "Kaia",
  "Leila",
  "Marco",
  "Nadia",
  "Oscar",
  "Paula",
  "Quentin",
  "Rosa",
  "Samuel",
  "Tara",
  "Uma",
  "Victor",
  "Wen",
  "Yara",
  "Zoe",
  "Diego",
  "Elena",
  "Felix",
  "Grace",
  "Hana",
] as const;
const LAST_NAMES = [
  "Smith",
  "García",
  "Müller",
  "Rossi",
  "Dubois",
  "Kowalski",
  "Tanaka",
  "Okafor",
  "Silva",
  "Nguyen",
  "Johansson",
  "Patel",
  "Brown",
  "Martin",
  "Kim",
  "Costa",
  "Novak",
  "Haddad",
  "Larsen",
  "O'Brien",
  "Fischer",
  "Moreau",
  "Santos",
  "Ivanova",
  "Chen",
  "Walker",
  "Mendes",
  "Schmidt",
  "Ahmed",
  "Taylor",
] as const;
const COMPANY_STEMS = [
  "Bluebird",
  "Harbor",
  "Juniper",
  "Maple",
  "Northwind",
  "Orchard",
  "Pinecrest",
  "Riverside",
  "Summit",
  "Willow",
  "Copper",
  "Lantern",
  "Meadow",
  "Granite",
  "Silverline",
  "Oakridge",
  "Sunrise",
  "Tidewater",
  "Evergreen",
  "Foxglove",
] as const;
const COMPANY_KINDS = [
  "Bakery",
  "Studio",
  "Dental",
  "Fitness",
  "Florist",
  "Coffee",
  "Salon",
  "Books",
  "Cycles",
  "Interiors",
  "Clinic",
  "Yoga",
] as const;
const JOB_TITLES = [
  "Owner",
  "Manager",
  "Office Manager",
  "Founder",
  "Buyer",
  "Operations Lead",
  "Marketing Lead",
  "Director",
] as const;

/** Six+ IANA zones, with the phone prefix and email domain style that fit them. */
const REGIONS = [
  { timeZone: "America/New_York", phone: "+1 212 555", weight: 30 },
  { timeZone: "America/Los_Angeles", phone: "+1 415 555", weight: 18 },
  { timeZone: "America/Chicago", phone: "+1 312 555", weight: 12 },
  { timeZone: "Europe/London", phone: "+44 20 7946", weight: 12 },
  { timeZone: "Europe/Paris", phone: "+33 1 70 18", weight: 10 },
  { timeZone: "Europe/Berlin", phone: "+49 30 901", weight: 8 },
  { timeZone: "Asia/Tokyo", phone: "+81 3 4567", weight: 5 },
  { timeZone: "Australia/Sydney", phone: "+61 2 9876", weight: 5 },
] as const;

const LIFECYCLE_WEIGHTS: readonly (readonly [LifecycleStage, number])[] = [
  ["lead", 30],
  ["active", 40],
  ["vip", 8],
  ["at_risk", 12],
  ["churned", 10],
];

export const DEMO_TAGS = [
  { name: "newsletter", color: "#2563eb" },
  { name: "wholesale", color: "#7c3aed" },
  { name: "referral", color: "#059669" },
  { name: "event-2026", color: "#d97706" },
  { name: "high-value", color: "#dc2626" },
  { name: "trial", color: "#0891b2" },
] as const;

export type DemoContact = {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  company: string;
  jobTitle: string;
  timeZone: string;
  lifecycleStage: LifecycleStage;
  tagNames: string[];
  lastSeenDaysAgo: number | null;
  createdDaysAgo: number;
};

function asciiSlug(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

/** The index keeps emails unique however many contacts are made. */
export function makeDemoContact(random: () => number, index: number): DemoContact {
  const firstName = pick(random, FIRST_NAMES);
  const lastName = pick(random, LAST_NAMES);
  const company = `${pick(random, COMPANY_STEMS)} ${pick(random, COMPANY_KINDS)}`;
  const region = pickWeighted(
    random,
    REGIONS.map((r) => [r, r.weight] as const),
  );
  const lifecycleStage = pickWeighted(random, LIFECYCLE_WEIGHTS);
  const tagNames = DEMO_TAGS.filter(() => random() < 0.22).map((t) => t.name);
  if (lifecycleStage === "vip" && !tagNames.includes("high-value")) tagNames.push("high-value");
  const createdDaysAgo = Math.floor(random() * 720);
  const lastSeenDaysAgo =
    lifecycleStage === "lead" && random() < 0.5 ? null : Math.floor(random() * Math.min(createdDaysAgo + 1, 365));
  return {
    firstName,
    lastName,
    email: `${asciiSlug(firstName)}.${asciiSlug(lastName)}${index}@${asciiSlug(company)}.example`,
    phone: `${region.phone} ${String(1000 + Math.floor(random() * 9000))}`,
    company,
    jobTitle: pick(random, JOB_TITLES),
    timeZone: region.timeZone,
    lifecycleStage,
    tagNames,
    lastSeenDaysAgo,
    createdDaysAgo,
  };
}
