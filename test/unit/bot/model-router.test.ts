import { describe, expect, it } from 'vitest';
import { routeModel } from '../../../src/bot/model-router.js';

const routing = { light: 'light-model', strong: 'strong-model', minChars: 20, keywords: ['Refund', '退款'] };

describe('routeModel', () => {
  it('keeps the site model when the site does not route', () => {
    expect(routeModel(undefined, 'anything')).toBeUndefined();
  });

  it('sends short plain questions to the light model', () => {
    expect(routeModel(routing, 'Hi there')).toBe('light-model');
  });

  it('sends long questions, counted in characters, to the strong model', () => {
    expect(routeModel(routing, 'x'.repeat(20))).toBe('strong-model');
    expect(routeModel(routing, '😀'.repeat(19))).toBe('light-model');
  });

  it('sends questions with a keyword, in any case, to the strong model', () => {
    expect(routeModel(routing, 'a REFUND?')).toBe('strong-model');
    expect(routeModel(routing, '我要退款')).toBe('strong-model');
    expect(routeModel({ ...routing, minChars: undefined }, 'y'.repeat(500))).toBe('light-model');
  });
});
