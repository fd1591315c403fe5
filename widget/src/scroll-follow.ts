/** How close to the end still counts as "at the bottom" (a line of slack for rounding and padding). */
const BOTTOM_SLACK_PX = 48;

/**
 * Keeps the message list at its end while the visitor is there, and otherwise shows a "new reply
 * below" pill instead of yanking them away from what they are reading.
 */
export class ScrollFollow {
  constructor(
    private readonly list: HTMLElement,
    private readonly pill: HTMLButtonElement,
  ) {
    list.addEventListener('scroll', () => {
      if (this.atBottom()) pill.hidden = true;
    });
    pill.addEventListener('click', () => {
      this.toBottom();
      list.focus();
    });
  }

  atBottom(): boolean {
    return this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < BOTTOM_SLACK_PX;
  }

  toBottom(): void {
    this.list.scrollTop = this.list.scrollHeight;
    this.pill.hidden = true;
  }

  /** After new content: follow it if the visitor was at the end, else point to it when it is a reply. */
  settle(wasAtBottom: boolean, replyArrived: boolean): void {
    if (wasAtBottom) this.toBottom();
    else if (replyArrived) this.pill.hidden = false;
  }
}
