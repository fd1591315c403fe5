import { describe, expect, it } from 'vitest';
import { CONVERSATION_MODES } from '../../../src/contracts/enums.js';
import { canChangeMode, MODE_TRANSITIONS, modesLeadingTo } from '../../../src/conversations/conversation-mode.js';

describe('conversation mode transitions', () => {
  it('allows the handoff path and its ways back', () => {
    expect(canChangeMode('bot', 'waiting')).toBe(true);
    expect(canChangeMode('waiting', 'human')).toBe(true);
    expect(canChangeMode('human', 'bot')).toBe(true);
    expect(canChangeMode('human', 'resolved')).toBe(true);
    expect(canChangeMode('resolved', 'bot')).toBe(true);
  });

  it('refuses a second owner and a second close: the same mode again is a lost race', () => {
    expect(canChangeMode('human', 'human')).toBe(false);
    expect(canChangeMode('resolved', 'resolved')).toBe(false);
    expect(canChangeMode('bot', 'bot')).toBe(false);
    expect(canChangeMode('resolved', 'waiting')).toBe(false);
  });

  it('keeps waiting when a second trigger fires while the customer already waits', () => {
    expect(canChangeMode('waiting', 'waiting')).toBe(true);
  });

  it('lists exactly the modes that may reach a mode', () => {
    expect(modesLeadingTo('human').sort()).toEqual(['bot', 'resolved', 'waiting']);
    expect(modesLeadingTo('bot').sort()).toEqual(['human', 'resolved', 'waiting']);
    for (const to of CONVERSATION_MODES) {
      for (const from of CONVERSATION_MODES) expect(modesLeadingTo(to).includes(from)).toBe(MODE_TRANSITIONS[from].includes(to));
    }
  });
});
