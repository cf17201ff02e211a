using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using AeBot.Core.Text;
using AeBot.Text;

namespace AeBot.WebChat;

/// <summary>The local web chat: one self-contained page (no build step, no CDN) talking to /api/chat.</summary>
internal static class WebChatPage
{
    /// <summary>The tab's icon: a speech bubble in the page's blue with an upward line — a chat about numbers.</summary>
    public const string Icon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path fill="#2563eb" d="M4 4h24a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H13l-7 6v-6H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/><path fill="none" stroke="#fff" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round" d="M8 18l5-5 4 3 7-7"/></svg>
        """;

    /// <summary>The page in <paramref name="language"/>: its words from <c>WebChatTexts</c>, both languages' kept for the script.</summary>
    public static string Render(ReplyLanguage language)
    {
        string Say(ReplyLanguage l, string key) => l.Text(WebChatTexts.ResourceManager, key);
        var texts = new Dictionary<string, Dictionary<string, string>>();
        foreach (var l in new[] { ReplyLanguage.English, ReplyLanguage.Thai })
            texts[l.Code] = Keys.ToDictionary(k => k, k => Say(l, k));
        var page = Html.Replace("{{Lang}}", language.Code, StringComparison.Ordinal)
            // "<" and "&" escaped: no text can close the script element it sits in.
            .Replace("{{Texts}}", JsonSerializer.Serialize(texts, new JsonSerializerOptions { Encoder = JavaScriptEncoder.Default }), StringComparison.Ordinal);
        foreach (var key in Keys)
            page = page.Replace("{{" + key + "}}", WebUtility.HtmlEncode(Say(language, key)), StringComparison.Ordinal);
        return page;
    }

    private static readonly string[] Keys =
    [
        nameof(WebChatTexts.Title), nameof(WebChatTexts.TalkingAs), nameof(WebChatTexts.User), nameof(WebChatTexts.NewConversation),
        nameof(WebChatTexts.ApiKey), nameof(WebChatTexts.Placeholder), nameof(WebChatTexts.Message), nameof(WebChatTexts.Send),
        nameof(WebChatTexts.SomethingWentWrong), nameof(WebChatTexts.EnterKey), nameof(WebChatTexts.Unreachable),
    ];

    private const string Html = """
<!doctype html>
<html lang="{{Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{Title}}</title>
<link rel="icon" type="image/svg+xml" href="/favicon.svg">
<style>
  :root { --ink:#1f2937; --muted:#6b7280; --line:#e5e7eb; --brand:#2563eb; --bg:#f8fafc; }
  * { box-sizing: border-box; }
  html, body { max-width:100%; }
  /* Thai families after the Latin ones: system-ui and the Latin faces have no Thai, and names in the data, notes and a
     Thai rep's own messages are Thai. Named here, Thai is drawn in a sans face of the system's own (Leelawadee UI on
     Windows, Thonburi on Apple systems, Noto Sans Thai on Android and many Linux desktops, Loma from Debian's
     fonts-thai-tlwg) rather than in whatever each browser's per-character fallback happens to pick; Latin text keeps
     its face, as a family is only used for the characters the ones before it lack. */
  body { margin:0; font:15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Leelawadee UI", Thonburi, "Noto Sans Thai", Loma, sans-serif; color:var(--ink); background:var(--bg); overflow-wrap:anywhere; }
  header { display:flex; flex-wrap:wrap; gap:8px 12px; align-items:center; padding:10px 16px; background:#fff; border-bottom:1px solid var(--line); position:sticky; top:0; z-index:2; }
  header h1 { font-size:17px; margin:0 8px 0 0; color:var(--brand); }
  header label { color:var(--muted); font-size:13px; }
  header .who { display:flex; align-items:center; gap:8px; min-width:0; flex:0 1 auto; }
  select, input, button { font:inherit; }
  select, #key { padding:5px 8px; border:1px solid var(--line); border-radius:6px; background:#fff; }
  #who { min-width:0; max-width:100%; }
  main { max-width:980px; margin:0 auto; padding:16px 16px 120px; }
  .turn { margin:12px 0; display:flex; min-width:0; }
  .turn.user { justify-content:flex-end; }
  .bubble { max-width:100%; min-width:0; padding:10px 14px; border-radius:12px; background:#fff; border:1px solid var(--line); overflow-x:auto; }
  .turn.user .bubble { max-width:85%; background:var(--brand); color:#fff; border-color:var(--brand); }
  .bubble .text { margin:2px 0 8px; }
  .bubble ul { margin:4px 0 8px 18px; padding:0; }
  ul.items > li { margin:2px 0 6px; } .item-detail { display:block; color:var(--muted); font-size:14px; } /* title and detail on their own lines */
  table.data { border-collapse:collapse; margin:6px 0 10px; font-size:14px; }
  table.data caption { text-align:left; font-weight:600; padding:2px 0 4px; }
  table.data th, table.data td { padding:4px 10px; border-bottom:1px solid var(--line); text-align:left; white-space:nowrap; }
  table.data .num { text-align:right; font-variant-numeric:tabular-nums; }
  dl.facts { display:grid; grid-template-columns:minmax(0,max-content) minmax(0,auto); gap:2px 16px; margin:6px 0 10px; }
  dl.facts dt { color:var(--muted); } dl.facts dd { margin:0; font-variant-numeric:tabular-nums; }
  .context { color:var(--muted); font-size:12.5px; margin-top:6px; }
  .actions { display:flex; flex-wrap:wrap; gap:6px; margin:8px 0 2px; }
  button.action { border:1px solid var(--brand); color:var(--brand); background:#fff; border-radius:16px; padding:4px 12px; cursor:pointer; text-align:left; }
  button.action:hover { background:#eff6ff; } button.action.primary { background:var(--brand); color:#fff; } button.action.danger { border-color:#dc2626; color:#dc2626; }
  button.action.more { border-style:dashed; } button.action:disabled { opacity:.5; cursor:progress; }
  .choice .prompt { font-weight:600; }
  figure.chart { margin:8px 0; } figure.chart img { display:block; max-width:100%; height:auto; border:1px solid var(--line); border-radius:8px; }
  form { position:fixed; bottom:0; left:0; right:0; display:flex; gap:8px; padding:12px 16px; background:#fff; border-top:1px solid var(--line); }
  form input { flex:1; min-width:0; padding:10px 12px; border:1px solid var(--line); border-radius:8px; }
  form button { padding:10px 18px; border:0; border-radius:8px; background:var(--brand); color:#fff; cursor:pointer; }
  .error { color:#b91c1c; } .pending { color:var(--muted); }
  #key { display:none; min-width:0; }
  /* Phones: the header wraps, and each table row becomes a small card of "label: value" lines. */
  @media (max-width: 640px) {
    header { padding:8px 12px; }
    header h1 { flex:1 0 auto; margin:0; }
    #reset { order:1; }
    header .who { order:2; flex:1 1 100%; }
    #who { flex:1; }
    main { padding:12px 10px 110px; }
    .bubble { padding:8px 10px; }
    table.data, table.data caption, table.data tbody, table.data tr, table.data td { display:block; width:100%; }
    table.data thead { display:none; }
    table.data tr { border:1px solid var(--line); border-radius:8px; padding:4px 8px; margin:0 0 8px; }
    table.data td { display:flex; justify-content:space-between; gap:12px; border:0; padding:2px 0; white-space:normal; text-align:right; }
    table.data td::before { content:attr(data-label); color:var(--muted); text-align:left; flex:0 0 auto; max-width:45%; }
    dl.facts { grid-template-columns:1fr; gap:0; } dl.facts dd { margin:0 0 4px; }
    form { padding:10px; } form button { padding:10px 14px; }
  }
</style>
</head>
<body>
<header>
  <h1>AeBot</h1>
  <div class="who">
    <label for="who">{{TalkingAs}}</label>
    <select id="who" aria-label="{{User}}"></select>
  </div>
  <button type="button" id="reset" class="action">{{NewConversation}}</button>
  <input id="key" type="password" placeholder="{{ApiKey}}" aria-label="{{ApiKey}}">
</header>
<main id="log" aria-live="polite"></main>
<form id="ask">
  <input id="text" autocomplete="off" placeholder="{{Placeholder}}" aria-label="{{Message}}" maxlength="4000">
  <button type="submit" id="send">{{Send}}</button>
</form>
<script id="texts" type="application/json">{{Texts}}</script>
<script>
// The page's own words in the two languages; it speaks the chosen person's (stored choice or chat locale), else the browser's.
const TEXTS = JSON.parse(document.getElementById('texts').textContent);
let said = TEXTS[document.documentElement.lang];
function speak(code) {
  if (!TEXTS[code] || code === document.documentElement.lang) return;
  said = TEXTS[code];
  document.documentElement.lang = code;
  document.title = said.Title;
  document.querySelector('label[for=who]').textContent = said.TalkingAs;
  document.getElementById('who').setAttribute('aria-label', said.User);
  document.getElementById('reset').textContent = said.NewConversation;
  for (const a of ['placeholder', 'aria-label']) document.getElementById('key').setAttribute(a, said.ApiKey);
  document.getElementById('text').placeholder = said.Placeholder;
  document.getElementById('text').setAttribute('aria-label', said.Message);
  document.getElementById('send').textContent = said.Send;
}
const log = document.getElementById('log'), who = document.getElementById('who'), text = document.getElementById('text'), key = document.getElementById('key');
let conversation = crypto.randomUUID();
key.value = sessionStorage.getItem('aebot-key') || '';
function headers() {
  const h = { 'Content-Type': 'application/json' };
  if (key.value) { h['X-AeBot-Key'] = key.value; sessionStorage.setItem('aebot-key', key.value); }
  return h;
}
function add(role, html) {
  const turn = document.createElement('div');
  turn.className = 'turn ' + role;
  const bubble = document.createElement('div');
  bubble.className = 'bubble';
  if (role === 'user') bubble.textContent = html; else bubble.innerHTML = html;
  turn.appendChild(bubble);
  log.appendChild(turn);
  window.scrollTo(0, document.body.scrollHeight);
  return bubble;
}
function problem(data) { return `<div class="error">${(data.detail || data.title || said.SomethingWentWrong).replace(/</g, '&lt;')}</div>`; }
async function loadUsers() {
  const response = await fetch('api/chat/users', { headers: headers() });
  if (response.status === 401) { key.style.display = 'inline-block'; add('bot', `<div class="error">${said.EnterKey}</div>`); return false; }
  const users = await response.json();
  for (const u of users) {
    const option = document.createElement('option');
    option.value = u.email; option.textContent = `${u.name} (${u.role})`;
    who.appendChild(option);
  }
  const remembered = localStorage.getItem('aebot-who');
  if (remembered && users.some(u => u.email === remembered)) who.value = remembered;
  return users.length > 0;
}
// The landing: a greeting for the chosen person with the day's questions to click.
async function greet() {
  if (!who.value) return;
  const bubble = add('bot', '<span class="pending">…</span>');
  bubble.parentElement.classList.add('greeting');
  try {
    const response = await fetch('api/chat/greeting?as=' + encodeURIComponent(who.value), { headers: headers() });
    const data = await response.json();
    if (response.ok) speak(data.language);
    bubble.innerHTML = response.ok ? data.html : problem(data);
  } catch (e) {
    bubble.innerHTML = `<div class="error">${said.Unreachable}</div>`;
  }
}
function restart() { conversation = crypto.randomUUID(); log.innerHTML = ''; greet(); text.focus(); }
async function post(body) {
  const response = await fetch('api/chat', { method: 'POST', headers: headers(), body: JSON.stringify({ as: who.value, conversationId: conversation, ...body }) });
  const data = await response.json();
  return { ok: response.ok, html: response.ok ? data.html : problem(data) };
}
async function send(body, shown) {
  add('user', shown);
  const bubble = add('bot', '<span class="pending">…</span>');
  try {
    bubble.innerHTML = (await post(body)).html;
  } catch (e) {
    bubble.innerHTML = `<div class="error">${said.Unreachable}</div>`;
  }
  window.scrollTo(0, document.body.scrollHeight);
}
// "More" continues the list just above the button: its rows are appended there, and the button moves on (or goes).
// A continued list's title ends in its range ("11–20 of 45", "11–20 จาก 45"); once the rows are appended above, it
// reads as the first page would have ("20 of 45"). The word between the numbers is the reply's own, in any language.
function fewer(title) { return title.replace(/\d[\d,]*–(\d[\d,]*)(\s+\S+\s+\d[\d,]*)\s*$/, '$1$2'); }
async function more(button) {
  const actions = button.closest('.actions'), list = actions.previousElementSibling;
  button.disabled = true;
  let result;
  try { result = await post({ payload: button.dataset.payload }); } catch (e) { result = { ok: false, html: `<div class="error">${said.Unreachable}</div>` }; }
  const page = document.createElement('div');
  page.innerHTML = result.html;
  const rows = page.querySelectorAll('table.data tbody tr'), items = page.querySelectorAll('ul.items > li');
  if (result.ok && list && list.matches('table.data') && rows.length) {
    list.tBodies[0].append(...rows);
    const caption = page.querySelector('table.data caption');
    if (caption) { if (!list.caption) list.createCaption(); list.caption.textContent = fewer(caption.textContent); }
  } else if (result.ok && list && list.matches('ul.items') && items.length) {
    list.append(...items);
    const title = page.querySelector('.list-title'), mine = list.previousElementSibling;
    if (title && mine && mine.matches('.list-title')) mine.textContent = fewer(title.textContent);
  } else {
    add('bot', result.html);
    button.disabled = false;
    return;
  }
  const next = page.querySelector('button.action.more');
  if (next) actions.replaceChildren(next); else actions.remove();
}
document.getElementById('ask').addEventListener('submit', e => {
  e.preventDefault();
  const value = text.value.trim();
  if (!value) return;
  text.value = '';
  send({ text: value }, value);
});
log.addEventListener('click', e => {
  const button = e.target.closest('button[data-payload]');
  if (!button || button.disabled) return;
  if (button.classList.contains('more')) more(button); else send({ payload: button.dataset.payload }, button.textContent);
});
who.addEventListener('change', () => { localStorage.setItem('aebot-who', who.value); restart(); });
document.getElementById('reset').addEventListener('click', restart);
loadUsers().then(ok => { if (ok) greet(); text.focus(); });
</script>
</body>
</html>
""";
}
