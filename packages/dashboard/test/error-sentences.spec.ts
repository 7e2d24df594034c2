import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENVELOPE_CODES, placeSentences, RULE_TYPES } from '../src/error-sentences';
import { translator } from '../src/i18n';
import { en } from '../src/messages/en';
import { ja } from '../src/messages/ja';

const english = translator('en');
const japanese = translator('ja');
const packages = join(__dirname, '..', '..');

/** Every `'…'` a pattern captures in the TypeScript sources under `dir` (specs left out). */
function captured(dir: string, pattern: RegExp): string[] {
  const found = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.spec.ts')) continue;
    const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    for (const match of text.matchAll(pattern)) if (match[1]) found.add(match[1]);
  }
  return [...found].sort();
}

describe('every code the API can answer with has a sentence', () => {
  it('each domain rule a detail can name (its `code`)', () => {
    const codes = captured(join(packages, 'domain', 'src'), /readonly code = '([a-z_]+)'/g);
    expect(codes.length).toBeGreaterThan(30);
    expect(codes.filter((code) => code !== 'money_invariant_violation' && !RULE_TYPES.includes(code as never))).toEqual(
      [],
    );
  });

  it("each type the API's own checks give a detail", () => {
    const types = captured(join(packages, 'api', 'src'), /\btype: '([a-z_]+)'/g);
    // Not detail types: the envelope's `type: 'error'`, OpenAPI/record names and JSON Schema's `null`.
    const notDetails = [
      'error',
      'api_key',
      'buyer',
      'dashboard_user',
      'http',
      'redirect',
      'refund',
      'transaction',
      'null',
    ];
    expect(types.filter((type) => !notDetails.includes(type) && !RULE_TYPES.includes(type as never))).toEqual([]);
  });

  it("each of the API's envelope codes", () => {
    const source = readFileSync(join(packages, 'api', 'src', 'api-error.ts'), 'utf8');
    const union = /export type ErrorCode =([^;]+);/.exec(source)?.[1] ?? '';
    const codes = [...union.matchAll(/'([a-z_]+)'/g)].map((match) => match[1]);
    expect(codes.length).toBeGreaterThan(15);
    expect(codes.filter((code) => !ENVELOPE_CODES.includes(code as never))).toEqual([]);
  });

  it('and no sentence in Japanese is left in English', () => {
    const keys = Object.keys(en).filter((key) => /^(error|amount)\./.test(key)) as (keyof typeof en)[];
    expect(keys.filter((key) => !/[\u3040-\u30ff\u4e00-\u9fff]/.test(ja[key]))).toEqual([]);
  });
});

const refusedRefund = {
  code: 'bad_request',
  message: 'cannot refund 7000: only 6000 of the captured 8000 JPY is left to refund',
  details: [
    {
      location: 'body',
      pointer: '/amount',
      message: 'cannot refund 7000: only 6000 of the captured 8000 JPY is left to refund',
      type: 'amount_exceeds_refundable',
    },
  ],
};

describe('a refusal is placed once, in the UI language', () => {
  it('at the field its pointer names, with the amounts the form knows, as yen are written', () => {
    const amounts = { asked: 7000, remaining: 6000, currency: 'JPY' };
    expect(placeSentences(english, refusedRefund, ['amount', 'reason'], amounts)).toEqual({
      fields: { amount: '¥7,000 is more than the ¥6,000 left to refund.' },
      form: null,
    });
    expect(placeSentences(japanese, refusedRefund, ['amount', 'reason'], amounts)).toEqual({
      fields: { amount: '7,000円は、返金できる残額 6,000円 を超えています。' },
      form: null,
    });
  });

  it("at the form when its pointer names none of the form's fields, without amounts it does not know", () => {
    expect(placeSentences(japanese, refusedRefund, ['reason'])).toEqual({
      fields: {},
      form: '返金できる残額を超えています。',
    });
  });

  it('a refusal without details reads as its envelope code', () => {
    const conflict = { code: 'concurrent_request', message: 'conflict', details: [] };
    expect(placeSentences(english, conflict).form).toBe(
      'Someone changed this at the same moment. Reload and try again.',
    );
  });

  it('an unknown code reads as a generic sentence naming the code, never as the English message', () => {
    const novel = { code: 'teapot', message: 'I am a teapot', details: [] };
    expect(placeSentences(japanese, novel).form).toBe('リクエストは受け付けられませんでした（コード teapot）。');
    const provider = {
      code: 'bad_request',
      message: 'Smartpay refused',
      details: [{ pointer: '/', message: 'merchant suspended', type: 'merchant.suspended' }],
    };
    expect(placeSentences(japanese, provider, ['display_name']).form).toBe(
      'リクエストは受け付けられませんでした（コード merchant.suspended）。',
    );
  });

  it('a zod validation detail reads by its issue code; two details at one field read once each', () => {
    const invalid = {
      code: 'bad_request',
      message: 'Request failed validation',
      details: [
        { pointer: '/amount', message: 'must be a number (integer minor units), not a string', type: 'invalid_type' },
        { pointer: '/amount', message: 'again', type: 'invalid_type' },
        { pointer: '/reason', message: 'must be at most 200 characters', type: 'too_big' },
      ],
    };
    expect(placeSentences(japanese, invalid, ['amount', 'reason'])).toEqual({
      fields: { amount: '値の種類が違います（金額は円の整数です）。', reason: '値が大きすぎるか、長すぎます。' },
      form: null,
    });
  });

  it('a request that got no answer says Kessai could not be reached', () => {
    expect(placeSentences(japanese, new TypeError('Failed to fetch')).form).toBe(
      'Kessai に接続できませんでした。接続を確認して、もう一度お試しください。',
    );
    expect(placeSentences(japanese, null)).toEqual({ fields: {}, form: null });
  });
});
