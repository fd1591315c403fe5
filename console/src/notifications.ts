import { t } from './i18n.js';

const MUTE_KEY = 'sb-console-muted';

/**
 * New handoffs: a short WebAudio beep (mutable, remembered), the waiting count in the tab title and,
 * with permission, a desktop notification.
 */
export class Notifier {
  private audio: AudioContext | undefined;
  private muted: boolean;
  /** How many beeps were played: shown as `data-beeps` on <html>, so a test can hear them. */
  private beeps = 0;

  constructor() {
    this.muted = readMuted();
    // Browsers allow audio only after a gesture: create the context on the first one.
    const unlock = () => {
      this.audio ??= new AudioContext();
      void this.audio.resume();
    };
    document.addEventListener('pointerdown', unlock, { once: true });
    document.addEventListener('keydown', unlock, { once: true });
  }

  isMuted(): boolean {
    return this.muted;
  }

  toggleMute(): boolean {
    this.muted = !this.muted;
    try {
      localStorage.setItem(MUTE_KEY, this.muted ? '1' : '0');
    } catch {
      // Not remembered.
    }
    return this.muted;
  }

  /** "(3) Switchboard" while three conversations wait. */
  setWaitingCount(count: number): void {
    document.title = count > 0 ? `(${count}) ${t('appName')}` : t('appName');
  }

  async askPermission(): Promise<void> {
    if ('Notification' in window && Notification.permission === 'default') await Notification.requestPermission();
  }

  handoff(preview: string | null): void {
    this.beep();
    const body = t('newHandoff', { preview: preview ?? '' });
    if ('Notification' in window && Notification.permission === 'granted' && document.hidden) {
      new Notification(t('appName'), { body, tag: 'sb-handoff' });
    }
  }

  private beep(): void {
    this.beeps += 1;
    document.documentElement.dataset.beeps = String(this.beeps);
    if (this.muted) return;
    try {
      this.audio ??= new AudioContext();
      const oscillator = this.audio.createOscillator();
      const gain = this.audio.createGain();
      oscillator.frequency.value = 880;
      gain.gain.setValueAtTime(0.15, this.audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.0001, this.audio.currentTime + 0.25);
      oscillator.connect(gain).connect(this.audio.destination);
      oscillator.start();
      oscillator.stop(this.audio.currentTime + 0.25);
    } catch {
      // No audio device: the title and the toast still tell.
    }
  }
}

function readMuted(): boolean {
  try {
    return localStorage.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
}
