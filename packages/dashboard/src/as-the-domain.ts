/**
 * A list the dashboard keeps in its own order, held equal to the domain's union both ways by the type check: `true`
 * when they agree, else the members one has and the other lacks. Only the domain's types are imported, so nothing
 * of it is bundled.
 */
export type AsTheDomain<Mine, Domain> = [Exclude<Mine, Domain> | Exclude<Domain, Mine>] extends [never]
  ? true
  : Exclude<Mine, Domain> | Exclude<Domain, Mine>;
