/** What an import can fill, and the header spellings that map to each (compared lower-case, without spaces/punctuation). */
export const IMPORT_FIELDS = {
  firstName: { label: "First name", aliases: ["firstname", "first", "givenname", "forename", "prenom"] },
  lastName: { label: "Last name", aliases: ["lastname", "last", "surname", "familyname", "nom"] },
  fullName: {
    label: "Full name (split)",
    aliases: ["name", "fullname", "customer", "customername", "contact", "contactname"],
  },
  email: { label: "Email", aliases: ["email", "emailaddress", "mail", "email1"] },
  phone: { label: "Phone", aliases: ["phone", "phonenumber", "mobile", "cell", "telephone", "tel"] },
  company: {
    label: "Company",
    aliases: ["company", "companyname", "organisation", "organization", "business", "account"],
  },
  jobTitle: { label: "Job title", aliases: ["jobtitle", "title", "position", "role"] },
  lifecycleStage: { label: "Lifecycle stage", aliases: ["lifecyclestage", "stage", "lifecycle", "status"] },
  birthday: { label: "Birthday", aliases: ["birthday", "birthdate", "dateofbirth", "dob"] },
  city: { label: "City", aliases: ["city", "town"] },
  country: { label: "Country", aliases: ["country", "countrycode"] },
  timeZone: { label: "Time zone", aliases: ["timezone", "tz"] },
  tags: { label: "Tags (separated by ; )", aliases: ["tags", "tag", "labels"] },
} as const;
export type ImportField = keyof typeof IMPORT_FIELDS;
export const IMPORT_FIELD_NAMES = Object.keys(IMPORT_FIELDS) as ImportField[];

/** field → column index (as given by the headers); unmapped fields are absent. */
export type ColumnMapping = Partial<Record<ImportField, number>>;

const norm = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, "");

export function guessMapping(headers: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  for (const field of IMPORT_FIELD_NAMES) {
    const aliases: readonly string[] = IMPORT_FIELDS[field].aliases;
    const index = headers.findIndex((h, i) => !used.has(i) && aliases.includes(norm(h)));
    if (index >= 0) {
      mapping[field] = index;
      used.add(index);
    }
  }
  // A single "name" column only stands in when there is no first name column.
  if (mapping.firstName !== undefined) delete mapping.fullName;
  return mapping;
}
