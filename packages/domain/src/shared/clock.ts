/** Time is passed in, never read from a global, so tests and the janitor control it. */
export interface Clock {
  now(): Date;
}
