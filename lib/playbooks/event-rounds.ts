type RoundEvent = { data: unknown };

/**
 * Splits a batch of events into rounds of consecutive events about different customers. Within a
 * round no event's ends or starts can touch another's runs, so its enrolments are made together;
 * a customer's next event goes to the next round and sees what the first one did.
 */
export function roundsOf<E extends RoundEvent>(batch: readonly E[]): E[][] {
  const rounds: E[][] = [];
  let customers = new Set<string>();
  for (const event of batch) {
    const contactId = (event.data as { contactId?: string | null } | undefined)?.contactId;
    if (!rounds.length || (contactId && customers.has(contactId))) {
      rounds.push([]);
      customers = new Set();
    }
    if (contactId) customers.add(contactId);
    rounds.at(-1)!.push(event);
  }
  return rounds;
}
