/**
 * The whole stylesheet, inside the shadow root: the host page's CSS cannot reach in and ours cannot
 * leak out. `:host { all: initial !important }` also stops inherited fonts and colours, and beats even
 * a page's `* { all: unset !important }` (for !important, the shadow tree's own rule wins). Sizes are
 * in px, never rem, so a page's `html { font-size }` cannot scale the widget.
 */
export const WIDGET_CSS = `
:host { all: initial !important; display: block !important; }
*, *::before, *::after { box-sizing: border-box; }
.sb {
  --sb-accent: #2563eb; --sb-on-accent: #fff;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans",
    "PingFang SC", "Microsoft YaHei", sans-serif;
  color: #1e293b;
}
button { font: inherit; cursor: pointer; }
:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.sr-only {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
.launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483647; width: 58px; height: 58px;
  border: 0; border-radius: 50%; background: var(--sb-accent); color: var(--sb-on-accent);
  box-shadow: 0 8px 24px rgba(15, 23, 42, .28); display: grid; place-items: center;
  transition: transform .15s ease;
}
.launcher:hover { transform: scale(1.06); }
.launcher svg { width: 28px; height: 28px; }
.launcher .icon-close { display: none; }
.sb.open .launcher .icon-chat { display: none; }
.sb.open .launcher .icon-close { display: block; }
.badge {
  position: absolute; top: -3px; right: -3px; min-width: 22px; height: 22px; padding: 0 6px;
  border-radius: 11px; background: #dc2626; color: #fff; font-size: 12px; font-weight: 700;
  display: grid; place-items: center; border: 2px solid #fff;
}
.badge[hidden] { display: none; }
.panel {
  position: fixed; right: 20px; bottom: 92px; z-index: 2147483647; width: 380px;
  height: min(620px, calc(100vh - 116px)); display: flex; flex-direction: column; overflow: hidden;
  background: #fff; border-radius: 18px; box-shadow: 0 16px 48px rgba(15, 23, 42, .28);
  animation: sb-in .18s ease-out;
}
.panel[hidden] { display: none; }
.sb.left .launcher, .sb.left .panel { right: auto; left: 20px; }
.sb.no-launcher .launcher { display: none; }
.sb.no-launcher .panel { bottom: 20px; height: min(620px, calc(100vh - 40px)); }
@keyframes sb-in { from { opacity: 0; transform: translateY(12px); } }
.header {
  display: flex; align-items: center; gap: 12px; padding: 14px 12px 14px 18px;
  background: var(--sb-accent); color: var(--sb-on-accent);
}
.title { margin: 0; font-size: 16px; font-weight: 650; line-height: 1.25; }
.status { margin: 2px 0 0; font-size: 12.5px; }
.status::before {
  content: ""; display: inline-block; width: 8px; height: 8px; margin-right: 6px; border-radius: 50%;
  background: #94a3b8; vertical-align: 0;
}
.status.online::before { background: #4ade80; }
.close {
  margin-left: auto; width: 36px; height: 36px; border: 0; border-radius: 10px; background: transparent;
  color: inherit; display: grid; place-items: center;
}
.close:hover { background: rgba(255, 255, 255, .18); }
.close svg { width: 20px; height: 20px; }
.demo {
  margin: 0; padding: 8px 18px; background: #fef3c7; color: #78350f; border-bottom: 1px solid #fcd34d;
  font-size: 12.5px; font-weight: 650;
}
.demo[hidden] { display: none; }
.log-wrap { position: relative; flex: 1; min-height: 0; display: flex; flex-direction: column; }
.log {
  flex: 1; margin: 0; padding: 16px 14px; overflow-y: auto; list-style: none; background: #f8fafc;
  display: flex; flex-direction: column; gap: 10px; overscroll-behavior: contain;
}
.msg { max-width: 82%; display: flex; flex-direction: column; gap: 3px; align-self: flex-start; }
.who { padding: 0 4px; font-size: 11.5px; color: #64748b; }
.bubble {
  padding: 9px 13px; border-radius: 16px; white-space: pre-wrap; overflow-wrap: anywhere;
  background: #fff; border: 1px solid #e2e8f0; border-bottom-left-radius: 5px;
}
.bubble.md { white-space: normal; }
.md > :first-child { margin-top: 0; }
.md > :last-child { margin-bottom: 0; }
.md p, .md ul, .md ol, .md pre, .md blockquote { margin: 0 0 8px; }
.md ul, .md ol { padding-left: 22px; }
.md li { margin: 2px 0; }
.md li > p { margin: 0; }
.md code { padding: 1px 5px; border-radius: 5px; background: #f1f5f9; font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.md pre { padding: 8px 10px; border-radius: 8px; background: #0f172a; color: #e2e8f0; overflow-x: auto; white-space: pre; }
.md pre code { padding: 0; background: none; color: inherit; }
.md a { color: #1d4ed8; text-decoration: underline; overflow-wrap: anywhere; }
.md blockquote { padding-left: 10px; border-left: 3px solid #cbd5e1; color: #475569; }
.md hr { border: 0; border-top: 1px solid #e2e8f0; margin: 8px 0; }
.msg.agent .bubble { background: #ecfdf5; border-color: #a7f3d0; }
.msg.customer { align-self: flex-end; align-items: flex-end; }
.msg.customer .bubble {
  background: var(--sb-accent); color: var(--sb-on-accent); border-color: transparent;
  border-radius: 16px; border-bottom-right-radius: 5px;
}
.msg.sending .bubble { opacity: .65; }
.msg.failed .bubble { opacity: .85; }
.meta { padding: 0 4px; font-size: 11.5px; color: #64748b; }
.msg.customer .meta { text-align: right; }
.pill {
  position: absolute; left: 50%; bottom: 10px; transform: translateX(-50%); padding: 6px 14px; border: 0;
  border-radius: 999px; background: #1e293b; color: #fff; font-size: 12.5px; font-weight: 600;
  box-shadow: 0 4px 14px rgba(15, 23, 42, .3);
}
.pill::after { content: " \\2193"; }
.pill[hidden] { display: none; }
.handoff {
  align-self: center; margin: 8px; padding: 6px 14px; border: 1px solid var(--sb-accent); border-radius: 999px;
  background: #fff; color: #1e293b; font: inherit; font-size: 13px; cursor: pointer;
}
.handoff[hidden], .email[hidden], .agent-typing:empty { display: none; }
.agent-typing { margin: 0; padding: 4px 16px; font-size: 12.5px; color: #065f46; background: #ecfdf5; }
.email label { grid-column: 1 / -1; font-size: 13px; }
.meta.error { color: #b91c1c; }
.meta.pii-note { display: block; }
.meta button:disabled { color: #64748b; text-decoration: none; cursor: default; }
.meta button {
  margin-left: 6px; padding: 0; border: 0; background: none; color: #1d4ed8; font-size: 11.5px;
  font-weight: 600; text-decoration: underline;
}
.note {
  align-self: center; max-width: 90%; padding: 5px 12px; border-radius: 999px; background: #e2e8f0;
  color: #334155; font-size: 12px; text-align: center;
}
.note.error { background: #fee2e2; color: #991b1b; }
.greeting { align-self: flex-start; }
.dots { display: inline-flex; gap: 4px; padding: 4px 2px; }
.dots i {
  width: 7px; height: 7px; border-radius: 50%; background: #94a3b8; animation: sb-blink 1.2s infinite both;
}
.dots i:nth-child(2) { animation-delay: .2s; }
.dots i:nth-child(3) { animation-delay: .4s; }
.resuming-note { margin-left: 6px; font-style: italic; }
@keyframes sb-blink { 0%, 80%, 100% { opacity: .3; } 40% { opacity: 1; } }
.composer {
  display: grid; grid-template-columns: 1fr auto; gap: 4px 8px; padding: 10px 12px 8px;
  border-top: 1px solid #e2e8f0; background: #fff;
}
.input {
  min-height: 44px; max-height: 128px; padding: 10px 14px; resize: none; font: inherit; color: inherit;
  /* 16px or more: iOS Safari zooms the page into smaller text fields on focus. */
  font-size: 16px;
  border: 1px solid #cbd5e1; border-radius: 14px; background: #fff;
}
.input:disabled { background: #f1f5f9; cursor: not-allowed; }
.input:focus { border-color: var(--sb-accent); outline: none; box-shadow: 0 0 0 3px rgba(37, 99, 235, .2); }
.send {
  align-self: end; width: 42px; height: 42px; border: 0; border-radius: 50%;
  background: var(--sb-accent); color: var(--sb-on-accent); display: grid; place-items: center;
}
.send:disabled { opacity: .4; cursor: not-allowed; }
.send svg { width: 20px; height: 20px; }
.counter { grid-column: 1 / -1; font-size: 11px; color: #64748b; text-align: right; }
.counter.over { color: #b91c1c; font-weight: 700; }
@media (max-width: 480px) {
  .panel { inset: 0; width: auto; height: 100%; border-radius: 0; animation: none; }
  .sb.open .launcher { display: none; }
  .launcher { right: 16px; bottom: 16px; }
  .sb.left .launcher { left: 16px; }
  .sb.left .panel { left: 0; right: 0; }
  .sb.no-launcher .panel { height: 100%; }
}
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation: none !important; transition: none !important; }
}
`;
