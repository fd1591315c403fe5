import { describe, expect, it } from 'vitest';
import { handoffCall, withHandoffTool } from '../../../src/bot/reply-handoff.js';
import { asksForPerson } from '../../../src/handoff/handoff-phrases.js';
import { DEFAULT_HANDOFF_PHRASES, handoffSettingsSchema } from '../../../src/handoff/handoff-settings.js';

const phrases = [...DEFAULT_HANDOFF_PHRASES];

describe('customer phrases that ask for a person', () => {
  it.each([
    '转人工',
    '我要转人工！',
    '人工客服在吗',
    '找人工',
    '我想和真人说话',
    'human',
    'I want a HUMAN please',
    'Agent?',
    'real  person',
    'Ｈｕｍａｎ',
  ])('hands off on %j', (text) => expect(asksForPerson(text, phrases)).toBe(true));

  it.each([
    'humanitarian aid shipping',
    'agency fees?',
    'Where is my parcel?',
    'My travel agent said the parcel with the blue shoes left your warehouse last Monday, where is it?',
    '',
  ])('leaves %j to the bot', (text) => expect(asksForPerson(text, phrases)).toBe(false));

  it("uses the site's own phrases instead of the defaults", () => {
    expect(asksForPerson('operator please', ['Kundendienst'])).toBe(false);
    expect(asksForPerson('Kundendienst bitte', ['Kundendienst'])).toBe(true);
  });

  it('validates the settings and fills in the defaults', () => {
    expect(handoffSettingsSchema.parse({})).toMatchObject({ repeatedQuestionCount: 3, autoAssign: false, modelTool: true });
    expect(handoffSettingsSchema.safeParse({ pickupTimeoutSeconds: 0 }).success).toBe(false);
    expect(handoffSettingsSchema.safeParse({ unknown: true }).success).toBe(false);
  });
});

describe("the model's handoff tool", () => {
  it('is offered with a line in the system prompt, only when the site wants it', () => {
    const request = {
      model: 'deepseek-chat',
      messages: [
        { role: 'system' as const, content: 'PROMPT' },
        { role: 'user' as const, content: 'hi' },
      ],
    };
    expect(withHandoffTool(request, false)).toBe(request);
    const offered = withHandoffTool(request, true);
    expect(offered.tools?.map((tool) => tool.function.name)).toEqual(['handoff']);
    expect(offered.messages[0]!.content).toMatch(/^PROMPT\n\nIf the customer asks for a human/);
    expect(offered.messages[1]).toEqual(request.messages[1]);
  });

  it('reads the reason of its call, bounded; a malformed argument still hands off', () => {
    expect(handoffCall([{ name: 'lookup', arguments: '{}' }])).toBeUndefined();
    expect(handoffCall([{ name: 'handoff', arguments: '{"reason":" refund decision "}' }])).toEqual({
      reason: 'refund decision',
    });
    expect(handoffCall([{ name: 'handoff', arguments: '{"reason":' }])).toEqual({ reason: '' });
    expect(handoffCall([{ name: 'handoff', arguments: JSON.stringify({ reason: 'x'.repeat(500) }) }])!.reason).toHaveLength(200);
  });
});
