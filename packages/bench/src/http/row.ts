/** One line of the bench's table: Kessai's figure beside its baseline from the same run. */
export interface Row {
  benchmark: string;
  kessai: string | number;
  baseline: string | number;
  ratio: string | number;
  target: string;
}
