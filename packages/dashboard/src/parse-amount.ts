// An amount as a Japanese merchant types it: 12000, 12,000, ¥12,000, ￥12,000, 12000円, １２０００. JPY has no minor
// unit, so the yen typed are the integer the API takes.

/** Why a typed amount is not one; each has a sentence in the UI's language (`amount.<problem>`). */
export type AmountProblem = 'empty' | 'negative' | 'decimal' | 'zero' | 'notANumber';

export type ParsedAmount = { ok: true; amount: number } | { ok: false; problem: AmountProblem };

const GROUPED = /^\d{1,3}(,\d{3})+$/;
const PLAIN = /^\d+$/;
const DECIMAL = /^[\d,]+\.\d*$/;

export function parseAmount(typed: string): ParsedAmount {
  // NFKC turns full-width digits, ￥, ， and ． into their ASCII forms; spaces (full-width ones too) go.
  let text = typed.normalize('NFKC').replace(/\s+/g, '');
  if (text === '') return { ok: false, problem: 'empty' };
  if (/^¥?[-−‐]/.test(text)) return { ok: false, problem: 'negative' };
  text = text.replace(/^¥/, '').replace(/(円|JPY)$/i, '');
  if (DECIMAL.test(text)) return { ok: false, problem: 'decimal' };
  if (!PLAIN.test(text) && !GROUPED.test(text)) return { ok: false, problem: 'notANumber' };
  const amount = Number(text.replace(/,/g, ''));
  if (!Number.isSafeInteger(amount)) return { ok: false, problem: 'notANumber' };
  if (amount === 0) return { ok: false, problem: 'zero' };
  return { ok: true, amount };
}
