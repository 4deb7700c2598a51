import { describe, expect, it } from 'vitest';
import { PROGRAMME_SUGGESTIONS } from '../../../src/domain/labels';
import { PROGRAMME_CODES, programmeCodes } from '../../../src/domain/programme-codes';

describe('programmeCodes', () => {
  it('gives every suggested programme its own fixed code', () => {
    const codes = programmeCodes(PROGRAMME_SUGGESTIONS);
    expect(Object.fromEntries(codes)).toEqual(PROGRAMME_CODES);
    expect(new Set(codes.values()).size).toBe(PROGRAMME_SUGGESTIONS.length);
  });

  it('knows a suggested programme however it is capitalised or spaced', () => {
    expect(programmeCodes(['back on  track ', 'SELF-HARM SUPPORT']).get('back on  track ')).toBe(
      'BOT',
    );
    expect(programmeCodes(['SELF-HARM SUPPORT']).get('SELF-HARM SUPPORT')).toBe('SHS');
  });

  it('numbers any other programme P01, P02, ... by name, never writing the name', () => {
    const codes = programmeCodes(['Zebra group', 'Walk and Talk', 'After school at Oakfield']);
    expect(Object.fromEntries(codes)).toEqual({
      'After school at Oakfield': 'P01',
      'Walk and Talk': 'WAT',
      'Zebra group': 'P02',
    });
  });

  it('gives names that differ only in case or spacing one code', () => {
    const codes = programmeCodes(['Kestrel', 'kestrel ', 'Lark']);
    expect(codes.get('Kestrel')).toBe('P01');
    expect(codes.get('kestrel ')).toBe('P01');
    expect(codes.get('Lark')).toBe('P02');
  });
});
