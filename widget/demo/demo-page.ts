export interface DemoPageOptions {
  /**
   * Absolute URL of `/widget.js` for the snippet shown to readers. The page's own tag uses a relative
   * src instead: behind a TLS-terminating proxy the request may look like plain http, and an http
   * script on an https page would be blocked.
   */
  shownWidgetUrl: string;
  siteKey: string;
  simulated: boolean;
}

/** Text placed in HTML text or a double-quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function embedSnippet(widgetUrl: string, siteKey: string): string {
  return `<script src="${escapeHtml(widgetUrl)}" data-site-key="${escapeHtml(siteKey)}" async></script>`;
}

const PRODUCTS = [
  { name: 'Linen throw blanket', price: '$49', colors: ['#e9d8c4', '#c9b49b'] },
  { name: 'Stoneware mug set', price: '$32', colors: ['#cfd8dc', '#90a4ae'] },
  { name: 'Oak desk lamp', price: '$89', colors: ['#f3e0b5', '#d4a35a'] },
  { name: 'Wool floor cushion', price: '$64', colors: ['#d7e3d1', '#8fae86'] },
  { name: 'Ceramic planter', price: '$27', colors: ['#f6d5cb', '#d98c76'] },
  { name: 'Cotton bath towels', price: '$38', colors: ['#dbe4f3', '#8aa4d6'] },
];

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;background:#fbfaf7}
.sim{margin:0;padding:14px 20px;background:#b91c1c;color:#fff;font-weight:700;text-align:center;font-size:17px;letter-spacing:.01em}
.sim code{background:rgba(255,255,255,.2);padding:1px 6px;border-radius:4px}
header{display:flex;align-items:center;justify-content:space-between;padding:18px 32px;background:#fff;border-bottom:1px solid #ece7df}
.logo{font-weight:800;font-size:22px;letter-spacing:-.02em}.logo span{color:#c2410c}
nav a{margin-left:22px;color:#4b5563;text-decoration:none}
.hero{padding:56px 32px;background:linear-gradient(120deg,#fff7ed,#fef3c7);text-align:center}
.hero h1{margin:0 0 8px;font-size:40px;letter-spacing:-.03em}.hero p{margin:0;color:#6b7280;font-size:18px}
main{max-width:1080px;margin:0 auto;padding:40px 32px 120px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:22px}
.card{background:#fff;border:1px solid #ece7df;border-radius:14px;overflow:hidden}
.card .img{height:150px}.card h3{margin:12px 16px 2px;font-size:16px}.card p{margin:0 16px 16px;color:#c2410c;font-weight:700}
.embed{margin-top:48px;padding:24px;background:#fff;border:1px solid #ece7df;border-radius:14px}
.embed h2{margin:0 0 6px;font-size:20px}.embed p{margin:0 0 12px;color:#6b7280}
pre{margin:0;padding:14px 16px;overflow-x:auto;background:#0f172a;color:#e2e8f0;border-radius:10px;font-size:14px}
@media (max-width:600px){header{padding:14px 18px}nav{display:none}.hero h1{font-size:30px}main{padding:28px 18px 110px}}
`;

/** "Demo Shop": a pretend store that embeds the widget with the same one tag a customer would use. */
export function renderDemoPage(options: DemoPageOptions): string {
  const snippet = embedSnippet(options.shownWidgetUrl, options.siteKey);
  const banner = options.simulated
    ? `<p class="sim" role="alert">⚠ SIMULATOR MODE — <code>DEEPSEEK_API_KEY</code> is not set, so chat replies come from the bundled DeepSeek simulator, not a real AI.</p>`
    : '';
  const products = PRODUCTS.map(
    (product) =>
      `<article class="card"><div class="img" style="background:linear-gradient(135deg,${product.colors[0]},${product.colors[1]})"></div>` +
      `<h3>${escapeHtml(product.name)}</h3><p>${escapeHtml(product.price)}</p></article>`,
  ).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Demo Shop — Switchboard widget demo</title>
<style>${STYLE}</style>
</head>
<body>
${banner}
<header><div class="logo">Demo<span>Shop</span></div><nav><a href="#">New in</a><a href="#">Living</a><a href="#">Kitchen</a><a href="#">Help</a></nav></header>
<section class="hero"><h1>Cosy things for your home</h1><p>Free shipping over $50 · 30-day returns · Questions? Use the chat in the corner.</p></section>
<main>
<div class="grid">${products}</div>
<section class="embed">
<h2>Add this chat to your site</h2>
<p>Paste one tag into any page (this page uses the same tag):</p>
<pre><code>${escapeHtml(snippet)}</code></pre>
</section>
</main>
${embedSnippet('widget.js', options.siteKey)}
</body>
</html>`;
}
