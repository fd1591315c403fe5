/** The console's stylesheet, served as /console/console.css (the CSP allows no inline style). */
export const CONSOLE_STYLES = `
:root{--bg:#f6f7f9;--panel:#fff;--text:#1d2330;--muted:#5b6475;--line:#d9dee7;--accent:#1f5fd1;--accent-text:#fff;--warn:#a35200;--note:#fff6d6;--note-line:#c9a227;--danger:#b3261e;
font:14px/1.45 system-ui,-apple-system,"Segoe UI","PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:var(--text);background:var(--bg)}
*{box-sizing:border-box}body{margin:0}
#app{display:flex;flex-direction:column;height:100vh;height:100dvh}
button,input,select,textarea{font:inherit;color:inherit}
button{cursor:pointer;border:1px solid var(--line);background:var(--panel);border-radius:6px;padding:5px 10px}
button.primary{background:var(--accent);border-color:var(--accent);color:var(--accent-text)}
button.danger{border-color:var(--danger);color:var(--danger)}
button:disabled{opacity:.55;cursor:not-allowed}
button:focus-visible,a:focus-visible,input:focus-visible,textarea:focus-visible,select:focus-visible{outline:3px solid #7aa7ff;outline-offset:1px}
input,select,textarea{border:1px solid #8c95a6;border-radius:6px;padding:6px 8px;background:#fff;max-width:100%}
kbd{font:11px ui-monospace,monospace;border:1px solid var(--line);border-radius:3px;padding:0 4px;margin-left:6px;color:var(--muted)}
.muted{color:var(--muted)}.mono{font-family:ui-monospace,monospace;font-size:12px;word-break:break-all}
.offscreen{position:fixed;left:-9999px}
.login-page{display:grid;place-items:center;min-height:100vh;padding:16px}
.login{display:grid;gap:8px;width:min(360px,100%);background:var(--panel);padding:24px;border-radius:10px;border:1px solid var(--line)}
.login h1{margin:0 0 8px;font-size:22px}.login-message{color:var(--danger);min-height:1.4em;margin:0}
button.link{border:0;background:none;color:var(--accent);text-decoration:underline;justify-self:start;padding:0}
.topbar{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;padding:8px 16px;background:#17213a;color:#fff}
.topbar .brand{font-size:16px}.topbar nav{display:flex;gap:12px}
.nav-link{color:#fff;text-decoration:none;padding:4px 6px;border-radius:4px}.nav-link:hover{background:#2b3960}
.topbar-tools{margin-left:auto;display:flex;flex-wrap:wrap;gap:6px;align-items:center}
.topbar-tools button{background:#2b3960;color:#fff;border-color:#3e4f7e}.me{opacity:.9}
.workspace{flex:1;min-height:0}
.panes{display:grid;grid-template-columns:minmax(280px,360px) 1fr;height:100%}
.inbox{border-right:1px solid var(--line);background:var(--panel);display:flex;flex-direction:column;min-height:0}
.inbox-filters{display:flex;gap:6px;padding:8px;border-bottom:1px solid var(--line)}
.inbox-filters input{flex:1;min-width:0}.inbox-filters select{max-width:40%}
.inbox-list{overflow:auto;flex:1}
.inbox-section h2{font-size:12px;text-transform:uppercase;letter-spacing:.04em;margin:0;padding:10px 12px 4px;color:var(--muted)}
.counter{display:inline-block;min-width:20px;text-align:center;background:#e6e9f0;color:var(--text);border-radius:10px;padding:0 6px;font-size:12px}
.section-waiting .counter{background:#ffe3c4;color:#6b3500}
.inbox-section ul{list-style:none;margin:0;padding:0}.inbox-section p{margin:0;padding:4px 12px 8px}
.inbox-row{display:grid;gap:2px;width:100%;text-align:left;border:0;border-bottom:1px solid #eef0f4;border-radius:0;padding:8px 12px;background:none}
.inbox-row:hover{background:#f0f4ff}.inbox-row.selected{box-shadow:inset 3px 0 var(--accent);background:#eef3ff}.inbox-row.open{background:#e3ebff}
.row-top{display:flex;justify-content:space-between;gap:8px;font-size:12px;color:var(--muted)}
.row-wait{color:var(--warn);font-weight:600}.row-preview{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.row-reason,.row-owner{font-size:12px;color:var(--muted)}
.conversation{display:flex;flex-direction:column;min-height:0;height:100%}
.conv-empty{padding:24px}.back{display:none;margin:8px}
.conv-header{display:flex;flex-wrap:wrap;gap:8px;justify-content:space-between;align-items:center;padding:10px 16px;border-bottom:1px solid var(--line);background:var(--panel)}
.conv-title{display:flex;gap:8px;align-items:center;flex-wrap:wrap}.conv-title h2{margin:0;font-size:16px}
.conv-actions{display:flex;flex-wrap:wrap;gap:6px}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;background:#e6e9f0;color:var(--text)}
.mode-waiting{background:#ffe3c4;color:#6b3500}.mode-human{background:#d6f0dc;color:#14532d}.mode-resolved{background:#e6e9f0}.mode-bot{background:#dfe8ff;color:#1e3a8a}
.conv-owner{font-weight:600}.conv-presence,.conv-typing{margin:0;padding:0 16px;min-height:1.2em;font-size:12px;color:var(--muted)}
.conv-brief{padding:0 16px}.conv-reason{margin:6px 0;color:var(--warn)}
.brief-card{border:1px solid #c5d3f5;background:#f3f7ff;border-radius:8px;padding:8px 12px;margin:6px 0}
.brief-card h3{margin:0 0 4px;font-size:13px}.brief-card p{margin:4px 0}
.conv-body{display:grid;grid-template-columns:1fr 220px;flex:1;min-height:0}
.conv-scroll{overflow:auto;padding:8px 16px}
.conv-details{border-left:1px solid var(--line);padding:8px 12px;background:var(--panel);overflow:auto}
.conv-details h3{font-size:13px;margin:4px 0}.conv-details dt{font-size:12px;color:var(--muted)}.conv-details dd{margin:0 0 6px;overflow-wrap:anywhere}
.transcript{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:8px}
.msg{max-width:80%;border-radius:10px;padding:6px 10px;background:var(--panel);border:1px solid var(--line)}
.msg.customer{align-self:flex-start}.msg.bot{align-self:flex-end;background:#eef3ff;border-color:#c5d3f5}
.msg.agent{align-self:flex-end;background:#e7f6eb;border-color:#b7e0c2}.msg.system{align-self:center;font-size:12px}
.msg.note{align-self:stretch;max-width:none;background:var(--note);border:1px dashed var(--note-line)}
.msg.streaming{border-style:dashed}
.msg-author{display:block;font-size:11px;color:var(--muted)}.msg-body{white-space:pre-wrap;word-break:break-word}
.msg-body.markdown{white-space:normal}.msg-body p{margin:2px 0}.msg-body pre{overflow:auto;background:#f4f4f6;padding:6px}
.msg-flags{display:flex;flex-wrap:wrap;gap:4px;margin-top:4px}.flag{font-size:11px;border-radius:4px;padding:0 5px;background:#fde8e8;color:#7f1d1d}
.msg-thumb{display:inline-block;margin-top:4px;font-size:12px;border-radius:4px;padding:0 6px}.thumb-up{background:#e3f5e8;color:#14532d}.thumb-down{background:#fde8e8;color:#7f1d1d}
.rating-card{border:1px solid #e8d9a8;background:#fffaeb;border-radius:8px;padding:8px 12px;margin:0 0 10px}.rating-card h3{margin:0 0 4px;font-size:13px}
.rating-score{margin:0}.stars{color:#b7791f;letter-spacing:1px}.rating-comment{margin:6px 0 0;padding-left:8px;border-left:3px solid #e8d9a8;white-space:pre-wrap}
.composer{border-top:1px solid var(--line);background:var(--panel);padding:8px 16px;position:relative}
.composer.as-note{background:var(--note)}
.composer-input{width:100%;resize:vertical}.composer-bar{display:flex;justify-content:space-between;align-items:center;margin-top:6px}
.canned-list{position:absolute;bottom:100%;left:16px;right:16px;list-style:none;margin:0;padding:4px;background:#fff;border:1px solid var(--line);border-radius:8px;box-shadow:0 4px 16px #0002;max-height:240px;overflow:auto}
.canned-list li{padding:6px 8px;border-radius:6px;cursor:pointer}.canned-list li.active{background:#e3ebff}
.toast{position:fixed;top:56px;right:12px;max-width:min(90vw,480px);background:#17213a;color:#fff;border-radius:8px;padding:0 12px;word-break:break-all}
.toast:not(:empty){padding:8px 12px}
.help{border:1px solid var(--line);border-radius:10px;max-width:min(92vw,520px)}
#app.page-scroll{height:auto;min-height:100vh}
.settings{padding:16px;display:grid;gap:24px;max-width:1100px}
.settings h2{margin:0 0 8px;font-size:18px}.settings h3{font-size:14px;margin:12px 0 4px}
.settings-form{display:grid;gap:8px;max-width:720px}.settings-form.row,.row{display:flex;flex-wrap:wrap;gap:8px;align-items:end}
.settings-form.row{margin:8px 0 16px}.field{display:grid;gap:2px}.field span{font-size:12px;color:var(--muted)}
.pill-list{list-style:none;padding:0;margin:0 0 8px;display:flex;flex-wrap:wrap;gap:6px}
.pill{border-radius:14px;padding:3px 10px;border:1px solid var(--line);background:var(--panel)}.pill.active{background:var(--accent);color:#fff;border-color:var(--accent)}
.snippet{background:#17213a;color:#e6edff;padding:10px;border-radius:8px;overflow:auto;white-space:pre-wrap;word-break:break-all}
.table{border-collapse:collapse;width:100%;max-width:900px}.table th,.table td{border-bottom:1px solid var(--line);padding:6px;text-align:left}
.word-list{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:6px}.word-list button{padding:0 6px;margin-left:4px}
.danger{margin-top:12px}.site-editor .row{margin-bottom:12px}.canned-settings-list{padding-left:18px}
@media (max-width:800px){
 .panes{grid-template-columns:1fr}.panes.has-open .inbox{display:none}.panes:not(.has-open) .conversation{display:none}
 .back{display:inline-block;align-self:flex-start}.conv-body{grid-template-columns:1fr}.conv-details{display:none}
 .msg{max-width:92%}.topbar{padding:8px}.topbar-tools{margin-left:0}
}
`;
