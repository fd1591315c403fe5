/**
 * `window.SwitchboardSettings`, set by the host page before the script tag. Every field is optional;
 * a value of the wrong type is ignored (with a console warning) rather than breaking the widget.
 */
export interface HostSettings {
  /** Brand colour, any CSS colour. Wins over `data-color`. */
  color?: string;
  /** Corner for the launcher and panel. Default `right`. */
  position?: 'left' | 'right';
  /** `en` or `zh`. Wins over `data-lang`. */
  language?: string;
  /** First bubble in an empty conversation, shown as text. */
  greeting?: string;
  /** Panel title. Wins over `data-title`. */
  title?: string;
  /** No launcher button: the page opens the chat with `Switchboard.open()`. */
  hideLauncher?: boolean;
}

const STRING_FIELDS = ['color', 'language', 'greeting', 'title'] as const;

export function readHostSettings(value: unknown): HostSettings {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object') return warn('window.SwitchboardSettings is not an object', {});
  const input = value as Record<string, unknown>;
  const settings: HostSettings = {};
  for (const field of STRING_FIELDS) {
    const raw = input[field];
    if (typeof raw === 'string' && raw.trim()) settings[field] = raw.trim();
    else if (raw !== undefined) warn(`SwitchboardSettings.${field} must be a non-empty string`);
  }
  if (input.position === 'left' || input.position === 'right') settings.position = input.position;
  else if (input.position !== undefined) warn('SwitchboardSettings.position must be "left" or "right"');
  if (typeof input.hideLauncher === 'boolean') settings.hideLauncher = input.hideLauncher;
  else if (input.hideLauncher !== undefined) warn('SwitchboardSettings.hideLauncher must be true or false');
  return settings;
}

function warn<T>(message: string, result?: T): T {
  console.warn(`[switchboard] ${message}; ignored.`);
  return result as T;
}
