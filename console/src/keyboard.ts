/** What the global shortcuts do; the app supplies each action. */
export interface ShortcutActions {
  next(): void;
  previous(): void;
  open(): void;
  take(): void;
  resolve(): void;
  focusComposer(): void;
  toggleHelp(): void;
  escape(): void;
}

function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** j/k, Enter, t, r, c, ? and Escape, ignored while typing in a field (except Escape). */
export function installShortcuts(actions: ShortcutActions): () => void {
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      actions.escape();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || typingInField(event.target)) return;
    const action: Record<string, (() => void) | undefined> = {
      j: actions.next,
      k: actions.previous,
      Enter: actions.open,
      t: actions.take,
      r: actions.resolve,
      c: actions.focusComposer,
      '?': actions.toggleHelp,
    };
    const run = action[event.key];
    // Enter on a button or link keeps its own meaning.
    if (!run || (event.key === 'Enter' && event.target instanceof HTMLElement && ['BUTTON', 'A'].includes(event.target.tagName)))
      return;
    event.preventDefault();
    run();
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}
