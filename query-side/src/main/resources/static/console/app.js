/*
 * The archive's web console: a page in query-side, no build step. The signed-in user's credentials live only in
 * this page's memory (never in storage) and go as HTTP Basic to query-side's API and to command-side's (CORS).
 * Every word on screen comes from i18n.js; what users typed or the archive holds (names, notes, user names) is
 * marked translate="no", so the page's own words can be checked apart from its data.
 */
(() => {
  'use strict';
  const STAFF = ['SALES', 'MANAGER', 'AUDITOR', 'ADMIN', 'CLERK', 'FINANCE'];
  const GRADES = ['A', 'B', 'C', 'D', 'E'];
  const session = { user: null, password: null, roles: [], commandSide: null, zone: 'Asia/Shanghai' };
  let lang = navigator.language && navigator.language.startsWith('zh') ? 'zh-CN' : 'en';
  const main = document.getElementById('main');
  const flash = document.getElementById('flash');
  /** The route being shown: a page whose data arrives after the user moved on does not draw over the next one. */
  let current = 0;
  /** A message to show over the next page drawn (e.g. "Saved." after a registration opens the new customer). */
  let pendingFlash = null;

  // ---------------------------------------------------------------- words, values, money, time
  const t = (key, vars) => {
    let text = (window.I18N[lang] && window.I18N[lang][key]) ?? window.I18N.en[key] ?? key;
    Object.entries(vars || {}).forEach(([name, value]) => { text = text.split('{' + name + '}').join(value); });
    return text;
  };
  const code = (group, value) => value === null || value === undefined || value === '' ? '' : esc(t(group + '.' + value));
  const has = (...roles) => roles.some(role => session.roles.includes(role));
  const esc = value => String(value ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  /** A value of the archive, not a word of the console: never translated, never checked as one. */
  const val = value => value === null || value === undefined || value === '' ? ''
    // a value the archive destroyed (erasure) or holds back (a withdrawn consent) reads as the printed card says it
    : value === '[erased]' || value === '[withheld]' ? `<span class="muted" data-marker="${esc(value)}">${esc(t('value.' + value.slice(1, -1)))}</span>`
    : `<span translate="no">${esc(value)}</span>`;
  const money = (amount, currency) => {
    if (amount === null || amount === undefined || amount === '') return '';
    try {
      return esc(new Intl.NumberFormat(lang, { style: 'currency', currency: currency || 'CNY' }).format(Number(amount)));
    } catch (unknownCurrency) {
      return esc(`${amount} ${currency}`);
    }
  };
  const currencyName = c => { try { return new Intl.DisplayNames(lang, { type: 'currency' }).of(c); } catch (unknown) { return c; } };
  // money is never added across currencies: one line per currency
  const totals = lines => (lines || []).map(line => money(line.amount, line.currency)).join('<br>');
  const number = value => value === null || value === undefined ? '' : esc(new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(value));
  // times and dates as the business sees them: in the archive's zone (archive.zone), whatever the browser's
  const time = iso => iso ? `<time datetime="${esc(iso)}">${esc(new Intl.DateTimeFormat(lang, { timeZone: session.zone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)))}</time>` : '';
  const date = iso => iso ? `<time datetime="${esc(iso)}">${esc(new Intl.DateTimeFormat(lang, { timeZone: 'UTC', dateStyle: 'medium' }).format(new Date(iso + 'T00:00:00Z')))}</time>` : '';
  const day = when => new Intl.DateTimeFormat('en-CA', { timeZone: session.zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(when);
  const today = () => day(new Date());
  const daysAgo = n => day(new Date(Date.now() - n * 86400000));
  const addDays = (iso, n) => new Date(Date.parse(iso + 'T00:00:00Z') + n * 86400000).toISOString().substring(0, 10);
  /** How far the business zone is ahead of UTC at an instant (ms). */
  function zoneOffset(ms) {
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: session.zone, hourCycle: 'h23', year: 'numeric',
      month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms)).map(p => [p.type, p.value]));
    return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - Math.floor(ms / 1000) * 1000;
  }
  /** A wall-clock time typed in the business zone ('2026-11-02T10:30') as the instant it names. */
  function instant(local) {
    if (!local) return null;
    const guess = Date.parse(local.length === 10 ? local + 'T00:00:00Z' : local + ':00Z');
    return new Date(guess - zoneOffset(guess - zoneOffset(guess))).toISOString();
  }
  /** The next day's start in the business zone: the end of a period given by its last day. */
  const endOf = isoDay => instant(addDays(isoDay, 1));

  function translate(root = document) {
    document.documentElement.lang = lang;
    root.querySelectorAll('[data-i18n]').forEach(node => { node.textContent = t(node.dataset.i18n); });
    document.getElementById('language').textContent = t('lang.other');
    document.title = t('brand');
  }

  /** How long a write (reads: a report over a large archive may take longer) may go unanswered before it is given up. */
  const WRITE_TIMEOUT_MS = 25000;
  const READ_TIMEOUT_MS = 120000;

  /** One call to either app; the answer's status, JSON (or text, or bytes) and headers. */
  async function call(base, path, { method = 'GET', body, raw, type, timeout, ifMatch, accept = 'application/json', bytes = false } = {}) {
    const headers = { Accept: accept, 'Accept-Language': lang, 'X-Requested-With': 'XMLHttpRequest',
      Authorization: 'Basic ' + btoa(unescape(encodeURIComponent(session.user + ':' + session.password))) };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (raw !== undefined) headers['Content-Type'] = type || 'application/octet-stream';
    if (ifMatch) headers['If-Match'] = ifMatch;
    let response;
    // a request without an answer is given up after a while and said, never left hanging behind a form
    const giveUp = new AbortController();
    const started = Date.now();
    const timer = setTimeout(() => giveUp.abort(), timeout || (method === 'GET' ? READ_TIMEOUT_MS : WRITE_TIMEOUT_MS));
    try {
      response = await fetch(base + path, { method, headers, signal: giveUp.signal,
        body: raw !== undefined ? raw : body === undefined ? undefined : JSON.stringify(body) });
    } catch (unreachable) {
      // the network or the server failed before any answer: the user learns it instead of a form that seems to do nothing
      console.error('request failed after', Date.now() - started, 'ms:', method, path, String(unreachable));
      return { status: 0, json: null, text: '', headers: new Headers() };
    } finally {
      clearTimeout(timer);
    }
    if (bytes && response.ok) return { status: response.status, blob: await response.blob(), headers: response.headers };
    const text = await response.text();
    let json = null;
    try { json = text && (response.headers.get('Content-Type') || '').includes('json') ? JSON.parse(text) : null; } catch (ignored) { json = null; }
    return { status: response.status, json, text, headers: response.headers };
  }
  const query = (path, options) => call('', path, options);
  const command = (path, options) => call(session.commandSide, path, options);
  const ok = answer => answer && answer.status >= 200 && answer.status < 300;

  /** A refusal as the user reads it: the rule in words, the server's detail, the fields it names. */
  function problem(answer) {
    const body = answer.json || {};
    // a refusal without a rule (a 403 such as export-not-permitted) names its code in its type: shown when it has words
    const typed = String(body.type || '').split('/').pop();
    const ruleCode = body.rule || (typed && t('rule.' + typed) !== 'rule.' + typed ? typed : '');
    const rule = ruleCode ? `<span class="badge" data-testid="rule" data-rule="${esc(ruleCode)}">${esc(t('rule.' + ruleCode))}</span> ` : '';
    const fields = (body.errors || []).map(error => `${fieldLabel(error.field || '')}: ${esc(error.message)}`).join('; ');
    const title = answer.status === 0 ? t('unreachable') : answer.status === 403 ? t('forbidden') : answer.status === 404 ? t('notFound')
      : t('problem.status', { status: answer.status });
    return `<div class="problem" role="alert" data-testid="problem">${rule}<strong>${esc(title)}</strong>
      <div>${esc(body.detail || '')}${fields ? ' — ' + fields : ''}</div>${body.candidates ? candidateList(body.candidates) : ''}</div>`;
  }

  /** The customers a registration or an edit may duplicate (客户归属): each opens; a masked one shows no name or owner. */
  function candidateList(candidates) {
    return `<p>${esc(t('dup.candidates'))}</p><ul class="candidates" data-testid="candidates">${candidates.map(c => `<li data-testid="candidate" data-id="${esc(c.id)}">
      <a href="#/customer/${esc(c.id)}">${val(c.name)}</a>${c.code ? ' · ' + val(c.code) : ''} · ${esc(t('col.owner'))}：${val(c.owner)}
      · ${esc(t('dup.matchedOn'))}：${(c.matchedOn || []).map(m => code('match', m)).join('、')}
      ${c.masked ? ` <span class="badge" data-testid="candidate-masked">${esc(t('dup.masked'))}</span>` : ''}</li>`).join('')}</ul>`;
  }

  /** A sentence of the console's words with values of the archive (HTML, never translated) in its places. */
  function phrase(key, values) {
    const marks = Object.keys(values);
    let text = esc(t(key, Object.fromEntries(marks.map((name, i) => [name, `\u0000${i}\u0000`]))));
    marks.forEach((name, i) => { text = text.split(`\u0000${i}\u0000`).join(values[name]); });
    return text;
  }

  /** rowAttributes: the attributes of a row's tr (data-… that a test or a script finds the row by); titleHtml: a heading with values in it. */
  function table(rows, columns, { empty = t('empty'), testid = '', rowAttributes = () => '' } = {}) {
    if (!rows || rows.length === 0) return `<p class="empty" data-testid="empty">${esc(empty)}</p>`;
    return `<table ${testid ? `data-testid="${testid}"` : ''}><thead><tr>${columns.map(c => `<th scope="col">${c.titleHtml !== undefined ? c.titleHtml : esc(t(c.title, c.titleArgs))}</th>`).join('')}</tr></thead><tbody>
      ${rows.map(row => `<tr ${rowAttributes(row)}>${columns.map(c => `<td>${c.render ? c.render(row) : val(row[c.key])}</td>`).join('')}</tr>`).join('')}
      </tbody></table>`;
  }
  const customerLink = row => `<a href="#/customer/${esc(row.customerId)}">${val(row.name || row.customerId)}</a>`;

  /** Paging controls for a list of {total} rows shown {size} at a time; the buttons carry the page they open. */
  function pager(page, size, total, testid = 'pager') {
    const pages = Math.max(1, Math.ceil(total / size));
    return `<div class="pager" data-testid="${testid}"><span>${esc(t('page.rows', { total }))} · ${esc(t('page.of', { page: page + 1, pages }))}</span>
      <button type="button" data-page="${page - 1}" ${page <= 0 ? 'disabled' : ''}>${esc(t('page.prev'))}</button>
      <button type="button" data-page="${page + 1}" ${page + 1 >= pages ? 'disabled' : ''} data-testid="${testid}-next">${esc(t('page.next'))}</button></div>`;
  }
  /** Paging that moves through the route's query (page=). */
  function wirePager(root, path, params) {
    root.querySelectorAll('.pager button[data-page]').forEach(button => button.addEventListener('click', () => {
      const next = new URLSearchParams(params);
      next.set('page', button.dataset.page);
      location.hash = '#' + path + '?' + next;
    }));
  }
  const pageOf = params => Math.max(0, Number(new URLSearchParams(params).get('page') || 0));

  /** A figure that opens its list: the report's own drill link when it has one, else the list the console knows. */
  function figure(value, drill, fallback, testid) {
    const shown = esc(value ?? '—');
    const target = drill ? '#/drill?u=' + encodeURIComponent(drill) : fallback;
    return target ? `<a class="figure-link" href="${esc(target)}" ${testid ? `data-testid="${testid}"` : ''}>${shown}</a>`
      : `<span ${testid ? `data-testid="${testid}"` : ''}>${shown}</span>`;
  }

  /** The server's agenda texts and at-risk reasons in the user's language (an already localised text stays as it is). */
  function agendaText(item) {
    const detail = item.detail || '';
    let m;
    if ((m = detail.match(/^contact was due (\d{4}-\d{2}-\d{2}) \(grade ([A-E])\)$/))) return esc(t('agenda.overdue', { date: strip(date(m[1])), grade: m[2] }));
    if ((m = detail.match(/^grade ([A-E])$/))) return esc(t('agenda.due', { grade: m[1] }));
    if (detail === 'birthday') return esc(t('agenda.birthday'));
    if ((m = detail.match(/^(\d+) years since its founding$/))) return esc(t('agenda.founded', { years: m[1] }));
    if ((m = detail.match(/^return visit after the ([a-z_]+) complaint resolved (\d{4}-\d{2}-\d{2})$/))) {
      return esc(t('agenda.returnVisit', { category: t('category.' + m[1].toUpperCase()), date: strip(date(m[2])) }));
    }
    if ((m = detail.match(/^([a-z]+) card (\S+) ends (\d{4}-\d{2}-\d{2})$/))) {
      return esc(t('agenda.card', { tier: t('cardTier.' + m[1].toUpperCase()), number: m[2], date: strip(date(m[3])) }));
    }
    // receivables: the server's sentence (in English or already in Chinese) with the amount shown as money
    if ((m = detail.match(/^([\d.]+) ([A-Z]{3}) past due, the oldest (\d+) days \(shipments ([\d, ]+)\)$/) || detail.match(/^([\d.]+) ([A-Z]{3}) 已逾期，最长 (\d+) 天（发货 ([\d, ]+)）$/))) {
      return esc(t('agenda.collectionOverdue', { amount: amountText(m[1], m[2]), days: m[3], shipments: m[4] }));
    }
    if ((m = detail.match(/^([\d.]+) ([A-Z]{3}) falls due \(shipments ([\d, ]+)\)$/) || detail.match(/^([\d.]+) ([A-Z]{3}) 到期应收（发货 ([\d, ]+)）$/))) {
      return esc(t('agenda.collectionDue', { amount: amountText(m[1], m[2]), shipments: m[3] }));
    }
    // the team leader's remark, as the server says it in either language: its number, who wrote it, what it says
    if ((m = detail.match(/^remark (\d+) from (\S+): ([\s\S]*)$/) || detail.match(/^组长批示 (\d+)（(.+?)）：([\s\S]*)$/))) {
      return phrase('agenda.remark', { no: esc(m[1]), by: val(m[2]), text: val(m[3]) });
    }
    if (item.kind === 'AT_RISK') return reason(detail);
    return esc(detail);
  }
  const reason = text => (text || '').split('; ').map(part => esc(t('reason.' + part) === 'reason.' + part ? part : t('reason.' + part))).join('；');
  const strip = html => html.replace(/<[^>]+>/g, '');
  /** A drill's row key as people read it: a customer's id is its name (the report by customer keys rows by id). */
  const drillKey = body => ((body.items || []).find(item => item.customerId === body.key) || {}).name || body.key;

  function showFlash(key) {
    flash.innerHTML = `<span class="ok" data-testid="saved">${esc(t(key))}</span>`;
  }

  // ---------------------------------------------------------------- sign-in
  function signIn(message) {
    showNav(false);
    main.innerHTML = `<section class="signin card"><h1 data-i18n="signin.title"></h1>
      ${message ? `<div class="problem" role="alert" data-testid="signin-error">${esc(t(message))}</div>` : ''}
      <form id="signin-form"><label><span data-i18n="signin.user"></span><input id="user" name="user" autocomplete="username" required></label>
      <label><span data-i18n="signin.password"></span><input id="password" name="password" type="password" autocomplete="current-password" required></label>
      <button class="primary" type="submit" id="signin-submit" data-i18n="signin.submit"></button></form></section>`;
    translate(main);
    document.getElementById('user').focus();
    document.getElementById('signin-form').addEventListener('submit', async event => {
      event.preventDefault();
      session.user = document.getElementById('user').value.trim();
      session.password = document.getElementById('password').value;
      const me = await query('/api/me');
      if (me.status !== 200) { forget(); return signIn('signin.failed'); }
      if (!me.json.roles.some(role => STAFF.includes(role))) { forget(); return signIn('signin.role'); }
      session.roles = me.json.roles;
      showNav(true);
      // a changed hash routes by its own event; routing here as well drew the home page twice, the second over the next page
      if (location.hash === home()) route(); else location.hash = home();
    });
  }
  function forget() { session.user = null; session.password = null; session.roles = []; session.leads = undefined; }
  const home = () => has('MANAGER', 'ADMIN') ? '#/dashboard' : has('SALES') ? '#/agenda' : has('FINANCE') ? '#/receivables' : '#/search';

  /** The navigation only for a signed-in user, and only the pages its roles open. */
  function showNav(signedIn) {
    const nav = document.getElementById('nav');
    nav.hidden = !signedIn;
    nav.querySelectorAll('a').forEach(link => { link.hidden = !signedIn || !has(...link.dataset.role.split(' ')); });
    document.getElementById('signout').hidden = !signedIn;
    document.getElementById('who').innerHTML = signedIn
      ? `${val(session.user)} (${session.roles.filter(r => STAFF.includes(r)).map(r => code('roleName', r)).join('、')})` : '';
  }

  // ---------------------------------------------------------------- dashboard
  /** Period and owner controls shared by the dashboard and the reports; their values live in the route's query. */
  function periodForm(form, extra = '') {
    return `<form class="inline controls" id="period-form">
      <label><span data-i18n="period.from"></span><input type="date" name="from" value="${esc(form.get('from'))}" data-testid="period-from"></label>
      <label><span data-i18n="period.to"></span><input type="date" name="to" value="${esc(form.get('to'))}" data-testid="period-to"></label>
      <label><span data-i18n="period.days"></span><select name="days" data-testid="period-days"><option value=""></option>${['7', '30', '90', '365'].map(d => `<option value="${d}">${esc(t('period.' + d))}</option>`).join('')}</select></label>
      <label><span data-i18n="period.owner"></span><input name="ownerId" value="${esc(form.get('ownerId'))}" data-testid="period-owner"></label>
      ${extra}<button class="primary" type="submit" data-i18n="period.apply" data-testid="period-apply"></button></form>`;
  }
  function wirePeriodForm(path) {
    document.getElementById('period-form').addEventListener('submit', event => {
      event.preventDefault();
      const f = new URLSearchParams(new FormData(event.target));
      if (f.get('days')) { f.set('from', daysAgo(Number(f.get('days')))); f.set('to', today()); }
      f.delete('days');
      [...f.keys()].forEach(k => { if (!f.get(k)) f.delete(k); });
      location.hash = '#' + path + '?' + f;
    });
  }

  async function dashboard(params) {
    const token = current;
    const form = new URLSearchParams(params);
    const from = form.get('from') || daysAgo(365), to = form.get('to') || today();
    form.set('from', from); form.set('to', to);
    const owner = form.get('ownerId') || '';
    const ownerQuery = owner ? '&ownerId=' + encodeURIComponent(owner) : '';
    const [overdue, breached, stale, lifecycle, migration, activity, projections] = await Promise.all([
      query('/api/follow-ups/overdue?' + ownerQuery), query('/api/complaints?breached=true' + ownerQuery),
      query('/api/profiles?stale=true&size=1' + ownerQuery), query('/api/reports/lifecycle?' + ownerQuery),
      query(`/api/reports/grade-migration?from=${instant(from)}&to=${endOf(to)}`),
      query(`/api/reports/activity?from=${instant(from)}&to=${endOf(to)}${ownerQuery}`), query('/api/admin/projections')]);
    if (token !== current) return;
    const count = (answer, pick) => ok(answer) && answer.json ? pick(answer.json) : '—';
    const lag = ok(projections) && Array.isArray(projections.json) ? Math.max(0, ...projections.json.map(p => p.lag)) : '—';
    const m = ok(migration) ? migration.json : { matrix: {}, entered: {} };
    const drill = (answer, key) => ok(answer) && answer.json && answer.json.drill ? answer.json.drill[key] : null;
    const ownerParam = owner ? '&ownerId=' + encodeURIComponent(owner) : '';
    main.innerHTML = `<h1 data-i18n="dash.title"></h1>${periodForm(form)}<div class="cards">
      ${[['dash.overdue', figure(count(overdue, j => j.length), null, '#/search?overdue=true' + ownerParam, 'overdue-count')],
         ['dash.breached', figure(count(breached, j => j.length), null, '#/complaints?breached=true' + ownerParam, 'breached-count')],
         ['dash.stale', figure(count(stale, j => j.total), null, '#/search?stale=true' + ownerParam, 'stale-count')],
         ['dash.atRisk', figure(count(lifecycle, j => j.atRisk), drill(lifecycle, 'atRisk'), '#/at-risk?' + ownerParam.substring(1), 'at-risk-count')],
         ['dash.lag', `<span data-testid="lag">${esc(lag)}</span>`]]
        .map(([label, shown]) => `<div class="card"><div class="figure">${shown}</div><div class="label" data-i18n="${label}"></div></div>`).join('')}
      </div>
      <div class="grid2"><div class="panel"><h2 data-i18n="dash.migration"></h2><div id="heatmap" class="chart" role="img" aria-label="${esc(t('dash.migration'))}"></div>
        <div class="scale" data-testid="heat-scale"><span data-testid="scale-low">${esc(t('dash.low'))} · 0</span><span class="bar"></span><span data-testid="scale-high">${esc(t('dash.high'))} · <span id="heat-max"></span></span></div>
        <table data-testid="migration-table"><thead><tr><th><span data-i18n="dash.from"></span> \\ <span data-i18n="dash.to"></span></th>${GRADES.map(g => `<th>${g}</th>`).join('')}<th data-i18n="dash.entered"></th></tr></thead>
        <tbody>${GRADES.map(a => `<tr><th scope="row">${a}</th>${GRADES.map(b => `<td data-cell="${a}-${b}">${figure((m.matrix[a] || {})[b] ?? 0, m.drill && m.drill.matrix && m.drill.matrix[a] ? m.drill.matrix[a][b] : null, null)}</td>`).join('')}
          <td>${figure((m.entered || {})[a] ?? 0, m.drill && m.drill.entered ? m.drill.entered[a] : null, null)}</td></tr>`).join('')}</tbody></table></div>
      <div class="panel"><h2 data-i18n="dash.activity"></h2>${ok(activity) ? activityTable(activity.json) : problem(activity)}</div></div>`;
    translate(main);
    wirePeriodForm('/dashboard');
    heatmap(m);
  }

  function activityTable(answer) {
    const methods = [...new Set((answer.owners || []).flatMap(o => Object.keys(o.visitsByMethod || {})))];
    const d = (row, key) => row.drill ? row.drill[key] : null;
    return table(answer.owners, [{ title: 'col.owner', render: o => `<a href="#/search?ownerId=${encodeURIComponent(o.ownerId)}">${val(o.ownerId)}</a>` },
      { title: 'col.visits', render: o => figure(o.visits, d(o, 'visits'), null) },
      ...methods.map(method => ({ title: 'method.' + method, render: o => figure((o.visitsByMethod || {})[method] || 0, o.drill && o.drill.visitsByMethod ? o.drill.visitsByMethod[method] : null, null) })),
      { title: 'col.filed', render: o => figure(o.complaintsFiled, d(o, 'complaintsFiled'), null) },
      { title: 'col.resolved', render: o => figure(o.complaintsResolved, d(o, 'complaintsResolved'), null) },
      { title: 'col.gradeUps', render: o => figure(o.gradeUps, d(o, 'gradeUps'), null) },
      { title: 'col.gradeDowns', render: o => figure(o.gradeDowns, d(o, 'gradeDowns'), null) }], { testid: 'activity-table' });
  }

  /** The migration as a heat map laid out as its table: grade then top to bottom (A first), grade now left to right. */
  function heatmap(m) {
    const data = [];
    let max = 0;
    GRADES.forEach((a, y) => GRADES.forEach((b, x) => { const n = (m.matrix[a] || {})[b] || 0; max = Math.max(max, n); data.push([x, y, n]); }));
    document.getElementById('heat-max').textContent = String(max);
    if (!window.echarts) return;
    const chart = echarts.init(document.getElementById('heatmap'));
    chart.setOption({ animation: false, tooltip: {}, grid: { left: 60, right: 20, top: 55, bottom: 10 },
      xAxis: { type: 'category', data: GRADES, name: t('dash.to'), nameLocation: 'middle', nameGap: 30, position: 'top' },
      yAxis: { type: 'category', data: GRADES, name: t('dash.from'), nameLocation: 'middle', nameGap: 35, inverse: true },
      // the scale is drawn in HTML below the chart (its two labels apart), not by the chart over its own axis
      visualMap: { show: false, min: 0, max: Math.max(1, max), inRange: { color: ['#f2f6fc', '#0b6bcb'] } },
      series: [{ type: 'heatmap', data, label: { show: true } }] });
  }

  // ---------------------------------------------------------------- search
  async function search(params) {
    const token = current;
    const form = new URLSearchParams(params);
    const size = 20, page = pageOf(params);
    const asked = new URLSearchParams(form);
    asked.set('size', String(size)); asked.set('page', String(page));
    const answer = await query('/api/profiles?' + asked);
    if (token !== current) return;
    main.innerHTML = `<h1 data-i18n="search.title"></h1>
      <form class="inline controls" id="search-form"><label><span data-i18n="search.q"></span><input name="q" value="${esc(form.get('q'))}"></label>
      <label><span data-i18n="search.grade"></span><select name="grade"><option value="">${esc(t('search.any'))}</option>${GRADES.map(g => `<option ${form.get('grade') === g ? 'selected' : ''}>${g}</option>`).join('')}</select></label>
      <label><span data-i18n="search.owner"></span><input name="ownerId" value="${esc(form.get('ownerId'))}"></label>
      <label><span data-i18n="search.city"></span><input name="city" value="${esc(form.get('city'))}"></label>
      <label><span data-i18n="search.completenessBelow"></span><input name="completenessBelow" type="number" min="0" max="100" step="1" value="${esc(form.get('completenessBelow'))}" data-testid="completeness-below"></label>
      <label><span data-i18n="search.sort"></span><select name="sort">${['name', '-lastContactAt', '-updatedAt', 'grade', 'city', 'completeness'].map(s => `<option value="${s}" ${form.get('sort') === s ? 'selected' : ''}>${esc(t('sort.' + s))}</option>`).join('')}</select></label>
      <label class="check"><input type="checkbox" name="overdue" value="true" ${form.get('overdue') ? 'checked' : ''}><span data-i18n="search.overdue"></span></label>
      <label class="check"><input type="checkbox" name="stale" value="true" ${form.get('stale') ? 'checked' : ''}><span data-i18n="search.stale"></span></label>
      <button class="primary" type="submit" data-i18n="search.go"></button><button type="button" id="csv" data-testid="csv" data-i18n="search.csv"></button><button type="button" id="xlsx" data-testid="xlsx" data-i18n="search.xlsx"></button></form>
      <div class="panel" data-testid="results">${ok(answer) ? table(answer.json.items.map(p => ({ ...p, name: p.card && p.card.basic ? p.card.basic.name : '' })), [
        { title: 'col.name', render: customerLink }, { title: 'col.code', render: p => p.code ? val(p.code) : code('admission', p.admission) },
        { title: 'col.grade', key: 'grade' }, { title: 'col.owner', key: 'ownerId' },
        { title: 'col.city', render: p => val(p.card && p.card.basic && p.card.basic.address ? p.card.basic.address.city : '') },
        { title: 'col.lastContact', render: p => time(p.lastContactAt) },
        { title: 'col.completeness', render: p => p.completeness ? esc(t('completeness.percent', { n: p.completeness.score })) : '' },
        { title: 'col.overdue', render: p => p.overdue ? `<span class="badge true">${esc(t('bool.true'))}</span>` : '' }])
        + pager(page, size, answer.json.total) : problem(answer)}</div>`;
    translate(main);
    const formNode = document.getElementById('search-form');
    const filters = () => { const f = new URLSearchParams(new FormData(formNode)); [...f.keys()].forEach(k => { if (!f.get(k)) f.delete(k); }); return f; };
    formNode.addEventListener('submit', event => { event.preventDefault(); location.hash = '#/search?' + filters(); });
    wirePager(main, '/search', filters());
    document.getElementById('csv').addEventListener('click', () => download('/api/profiles?' + filters(), 'customers.csv'));
    document.getElementById('xlsx').addEventListener('click', () => download('/api/profiles?' + filters(), 'customers.xlsx'));
  }

  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

  /**
   * The server's export of the whole list (every row, not a page) saved as a file: an Excel workbook for a name ending
   * in .xlsx (typed cells, the header in the console's language), else CSV that Excel opens: UTF-8 with a BOM.
   */
  async function download(path, name) {
    const workbook = name.endsWith('.xlsx');
    const answer = await query(path, { accept: workbook ? XLSX : 'text/csv', bytes: true });
    if (!ok(answer)) { flash.innerHTML = problem(answer); return; }
    const head = new Uint8Array(await answer.blob.slice(0, 3).arrayBuffer());
    const bom = workbook || (head[0] === 0xEF && head[1] === 0xBB && head[2] === 0xBF);
    save(new Blob(bom ? [answer.blob] : [new Uint8Array([0xEF, 0xBB, 0xBF]), answer.blob], { type: workbook ? XLSX : 'text/csv;charset=utf-8' }), name);
  }

  /** A file the browser saves under this name. */
  function save(blob, name) {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  /** The card printed (客户档案卡) as the server lays it out, in the console's language, saved as a PDF. */
  async function printCard(id, ask, code) {
    const answer = await query(`/api/profiles/${id}/card.pdf${ask ? '?' + ask : ''}`, { accept: 'application/pdf', bytes: true });
    if (!ok(answer)) { flash.innerHTML = problem(answer); return; }
    save(new Blob([answer.blob], { type: 'application/pdf' }), `card-${code || id}${ask ? '-' + ask.replace(/[^0-9A-Za-z-]/g, '') : ''}.pdf`);
  }

  // ---------------------------------------------------------------- import (导入)
  /**
   * A customer list from Excel or CSV (with the customers' visits and purchases on further sheets): checked first,
   * every bad cell shown by sheet, row and column; then imported as a job whose progress is followed until done.
   */
  async function importPage() {
    main.innerHTML = `<h1 data-i18n="import.title"></h1>
      <form class="panel task wide" id="import-form" data-testid="import-form">
        <p data-i18n="import.help"></p>
        <p><a href="#" id="import-template" data-testid="import-template" data-i18n="import.template"></a></p>
        <label><span data-i18n="import.file"></span> <input type="file" name="file" accept=".xlsx,.csv,text/csv" required data-testid="import-file"></label>
        <p><button class="primary" type="submit" data-testid="import-check" data-i18n="import.check"></button>
        <button type="button" id="import-go" data-testid="import-go" disabled data-i18n="import.go"></button></p>
        <div class="result" data-testid="import-report"></div><div data-testid="import-progress" id="import-progress"></div></form>`;
    translate(main);
    const form = document.getElementById('import-form');
    const result = form.querySelector('.result');
    const go = document.getElementById('import-go');
    const progress = document.getElementById('import-progress');
    const shown = current;
    document.getElementById('import-template').addEventListener('click', async event => {
      event.preventDefault();
      const answer = await command('/api/imports/template.xlsx', { accept: XLSX, bytes: true });
      if (!ok(answer)) { flash.innerHTML = problem(answer); return; }
      save(answer.blob, t('import.templateName'));
    });
    const upload = async dryRun => {
      const file = form.querySelector('input[type=file]').files[0];
      if (!file) return null;
      const type = /\.csv$/i.test(file.name) ? 'text/csv' : XLSX;
      return command(`/api/imports?${dryRun ? 'dryRun=true' : 'fileName=' + encodeURIComponent(file.name)}`,
        { method: 'POST', raw: file, type, timeout: READ_TIMEOUT_MS });
    };
    form.addEventListener('submit', async event => {
      event.preventDefault();
      go.disabled = true;
      progress.innerHTML = '';
      result.innerHTML = `<p>${esc(t('loading'))}</p>`;
      const answer = await upload(true);
      if (!answer) return;
      if (!ok(answer)) { result.innerHTML = problem(answer); return; }
      result.innerHTML = importReport(answer.json);
      const toDo = answer.json.accepted + (answer.json.sheets || []).reduce((sum, sheet) => sum + sheet.accepted, 0);
      go.disabled = toDo === 0;
    });
    go.addEventListener('click', async () => {
      go.disabled = true;
      const answer = await upload(false);
      if (!answer) return;
      if (!ok(answer)) { progress.innerHTML = problem(answer); return; }
      let job = answer.json;
      progress.innerHTML = importProgress(job);
      progress.scrollIntoView({ block: 'nearest' });
      // followed while the page is shown: every second until every row has its outcome
      while (current === shown && job.state !== 'DONE') {
        await new Promise(resolve => setTimeout(resolve, 1000));
        const next = await command('/api/imports/' + job.importId);
        if (ok(next)) {
          job = next.json;
          progress.innerHTML = importProgress(job);
        } else if (next.status >= 400 && next.status < 500) {
          // signed out meanwhile, or the job gone: said, and no longer asked for
          progress.innerHTML = problem(next);
          break;
        }
      }
    });
  }

  /** The check's report: counts per sheet, every bad cell, the possible duplicates, what was left alone. */
  function importReport(report) {
    const sheetName = kind => t('import.sheet.' + kind);
    const counts = [{ kind: 'CUSTOMERS', rows: report.rows, accepted: report.accepted, rejected: report.rejected, alreadyImported: report.alreadyImported, ignoredColumns: report.ignoredColumns },
      ...(report.sheets || [])];
    return `<h2 data-i18n="import.report">${esc(t('import.report'))}</h2>
      ${table(counts, [{ title: 'import.col.sheet', render: row => esc(sheetName(row.kind)) },
        { title: 'import.col.rows', render: row => number(row.rows) }, { title: 'import.col.accepted', render: row => number(row.accepted) },
        { title: 'import.col.rejected', render: row => number(row.rejected) }, { title: 'import.col.already', render: row => number(row.alreadyImported) }],
        { testid: 'import-counts', rowAttributes: row => `data-kind="${esc(row.kind)}"` })}
      <h3>${esc(t('import.errors', { n: number(report.errors.length) }))}</h3>
      ${table(report.errors.slice(0, 500), [{ title: 'import.col.sheet', render: row => row.sheet ? val(row.sheet) : esc(sheetName('CUSTOMERS')) },
        { title: 'import.col.row', render: row => number(row.row) }, { title: 'import.col.column', key: 'column' },
        { title: 'import.col.message', key: 'message' }],
        { testid: 'import-errors', empty: t('import.noErrors'), rowAttributes: row => `data-row="${esc(row.row)}" data-field="${esc(row.field)}"` })}
      ${report.errors.length > 500 ? `<p>${esc(t('import.moreErrors', { n: number(report.errors.length - 500) }))}</p>` : ''}
      ${report.duplicates.length ? `<h3>${esc(t('import.duplicates', { n: number(report.duplicates.length) }))}</h3>
        ${table(report.duplicates, [{ title: 'import.col.row', render: row => number(row.row) }, { title: 'import.col.ref', key: 'externalRef' },
          { title: 'import.col.matchedOn', render: row => row.matchedOn.map(m => esc(t('match.' + m))).join('、') },
          { title: 'import.col.matches', render: row => [...row.customers.map(c => val(c.code || c.id)), ...row.rows.map(r => esc(t('import.rowNo', { n: r })))].join('、') }],
          { testid: 'import-duplicates' })}` : ''}
      ${counts.filter(sheet => (sheet.ignoredColumns || []).length).map(sheet => `<p data-testid="import-ignored-${esc(sheet.kind)}">${esc(t('import.ignoredColumns', { sheet: sheetName(sheet.kind) }))}${sheet.ignoredColumns.map(val).join('、')}</p>`).join('')}
      ${(report.ignoredSheets || []).length ? `<p>${esc(t('import.ignoredSheets'))}${report.ignoredSheets.map(val).join('、')}</p>` : ''}`;
  }

  /** A job as it stands: rows done of all, registered, the rate, and each row the rules refused with the rule. */
  function importProgress(job) {
    const p = job.progress;
    return `<h2>${esc(t(job.state === 'DONE' ? 'import.done' : 'import.running'))}</h2>
      <p data-testid="import-state" data-state="${esc(job.state)}">${esc(t('import.progress', { done: number(p.done), total: number(p.total), registered: number(p.registered), rate: number(p.ratePerSecond) }))}</p>
      ${p.refused.length ? table(p.refused, [{ title: 'import.col.sheet', render: row => esc(t('import.sheet.' + row.sheet)) },
        { title: 'import.col.row', render: row => number(row.row) }, { title: 'import.col.ref', key: 'externalRef' },
        { title: 'import.col.rule', render: row => esc(t('rule.' + row.rule)) }], { testid: 'import-refused' }) : ''}`;
  }

  // ---------------------------------------------------------------- customer
  /** Every event of the customer, in sequence order (the history pages through at most 1000 a request). */
  async function allEvents(id, minVersion) {
    const events = [];
    for (let page = 0; page < 50; page++) {
      const answer = await query(`/api/profiles/${id}/history?size=1000&page=${page}${minVersion ? '&minVersion=' + minVersion : ''}`);
      if (!ok(answer)) return { answer, events: null };
      events.push(...answer.json.events);
      if (events.length >= answer.json.total || answer.json.events.length === 0) break;
    }
    return { events };
  }

  /** The complaints of the customer with their steps, from its events (a rep cannot list complaints, but reads its customer's history). */
  function complaintsOf(events) {
    const byId = new Map();
    const statusAfter = { ComplaintFiled: 'FILED', ComplaintAssigned: 'ASSIGNED', ComplaintResolved: 'RESOLVED',
      ComplaintFollowedUp: 'FOLLOWED_UP', ComplaintClosed: 'CLOSED', ComplaintReopened: 'REOPENED' };
    events.forEach(e => {
      if (!statusAfter[e.type]) return;
      const id = e.data.complaintId;
      if (e.type === 'ComplaintFiled') byId.set(id, { complaintId: id, category: e.data.category, severity: e.data.severity, description: e.data.description, filedAt: e.occurredAt, steps: [] });
      const complaint = byId.get(id);
      if (!complaint) return;
      complaint.status = statusAfter[e.type];
      complaint.steps.push(e);
    });
    return [...byId.values()].sort((a, b) => b.filedAt.localeCompare(a.filedAt));
  }

  /** A card value in words: lists joined, contacts by name and role, enums translated, nothing typed shown as code. */
  function fieldValue(path, value) {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return `<span class="muted">${esc(t('blank'))}</span>`;
    const plain = path.replace(/\[\d*\]/g, '');
    if (plain === 'basic.gender') return code('gender', value);
    if (plain === 'basic.ownershipForm') return code('ownership', value);
    if (plain === 'keyPersons.role') return code('keyRole', value);
    if (plain.endsWith('.role')) return code('role', value);
    if (plain === 'keyPersons' && Array.isArray(value)) return value.map(k => `${val(k.name)}（${code('keyRole', k.role)}${k.title ? ' ' + val(k.title) : ''}）`).join('；');
    if (plain === 'basic.premises' && typeof value === 'object') return [code('tenure', value.tenure), value.area !== null && value.area !== undefined ? esc(t('card.area', { n: value.area })) : ''].filter(Boolean).join(' · ');
    if (plain === 'basic.premises.tenure') return code('tenure', value);
    if (plain === 'business.requirements' && typeof value === 'object') return ['delivery', 'packaging', 'timeliness', 'other'].filter(k => value[k]).map(k => `${fieldLabel('business.requirements.' + k)}：${val(value[k])}`).join('<br>');
    if (plain === 'business.competitorSales' && Array.isArray(value)) return value.map(s => `${val(s.product)}${s.period ? '（' + val(s.period) + '）' : ''}：${esc(t('card.ours'))} ${s.ourSales !== null && s.ourSales !== undefined ? money(s.ourSales, s.currency || 'CNY') : '—'} · ${val(s.competitor)} ${s.competitorSales !== null && s.competitorSales !== undefined ? money(s.competitorSales, s.currency || 'CNY') : '—'}`).join('<br>');
    if (plain === 'contacts' && Array.isArray(value)) return value.map(c => `${val(c.name)}${c.role ? '（' + code('role', c.role) + '）' : ''}${c.title ? ' ' + val(c.title) : ''}${c.phone ? ' ' + val(c.phone) : ''}`).join('；');
    if (plain === 'basic.address' && typeof value === 'object') return val(['province', 'city', 'district', 'street', 'postcode'].map(k => value[k]).filter(Boolean).join(' '));
    if (/birthday|birthDate|foundedOn|firstTradeDate|lastPurchase$/.test(plain) && typeof value === 'string') return date(value);
    if (plain === 'purchase.purchaseFrequency' && /^\d+ in the last year$/.test(value)) return esc(t('card.frequency', { n: value.split(' ')[0] }));
    if (plain === 'purchase.totalAmount' || plain === 'payment.creditLimit' || plain === 'basic.registeredCapital' || plain === 'basic.fixedAssets') return money(value, 'CNY');
    if (plain === 'payment.terms' && typeof value === 'object') return termsText(value);
    if (plain === 'payment.creditLimits' && typeof value === 'object') return Object.entries(value).map(([currency, limit]) => money(limit, currency)).join('<br>');
    if (typeof value === 'boolean') return esc(t('bool.' + value));
    if (Array.isArray(value)) return val(value.join('、'));
    if (typeof value === 'object') return val(Object.values(value).filter(v => v !== null && v !== '').join(' '));
    return val(value);
  }
  const fieldLabel = path => {
    const plain = path.replace(/\[\d*\]/g, '');
    const label = t('field.' + plain);
    return esc(label === 'field.' + plain ? path : label);
  };

  /** The card by section, each filled-in field under its human label; contacts as a table. */
  function cardSections(card, testid = 'card') {
    card = card || {};
    const section = (name, fields) => {
      const rows = Object.entries(fields || {}).filter(([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))
        .flatMap(([key, v]) => key === 'address' && typeof v === 'object'
          ? [[`${name}.address`, v]] : [[`${name}.${key}`, v]]);
      return `<h3 data-i18n="section.${name}"></h3>${rows.length ? `<dl>${rows.map(([path, v]) => `<dt>${fieldLabel(path)}</dt><dd data-field="${esc(path)}">${fieldValue(path, v)}</dd>`).join('')}</dl>` : `<p class="empty">${esc(t('empty'))}</p>`}`;
    };
    const contacts = card.contacts || [];
    const keyPersons = card.keyPersons || [];
    return `<div data-testid="${testid}">${section('basic', card.basic)}
      <h3 data-i18n="section.keyPersons"></h3>${keyPersons.length ? table(keyPersons, [{ title: 'keyPersons.role', render: k => code('keyRole', k.role) },
        { title: 'keyPersons.name', key: 'name' }, { title: 'keyPersons.title', key: 'title' }, { title: 'keyPersons.gender', render: k => code('gender', k.gender) },
        { title: 'keyPersons.birthDate', render: k => k.birthDate && /^\d{4}-/.test(k.birthDate) ? date(k.birthDate) : val(k.birthDate) },
        { title: 'keyPersons.education', key: 'education' }, { title: 'keyPersons.nativePlace', key: 'nativePlace' },
        { title: 'keyPersons.phones', render: k => val((k.phones || []).join('、')) }, { title: 'keyPersons.fax', key: 'fax' },
        { title: 'keyPersons.mobile', key: 'mobile' }].map(c => ({ ...c, title: 'field.' + c.title })), { testid: testid + '-key-persons' })
        : `<p class="empty">${esc(t('customer.noKeyPersons'))}</p>`}
      <h3 data-i18n="section.contacts"></h3>${contacts.length ? table(contacts, [{ title: 'contacts.name', key: 'name' },
        { title: 'contacts.role', render: c => code('role', c.role) }, { title: 'contacts.title', key: 'title' },
        { title: 'contacts.phone', key: 'phone' }, { title: 'contacts.notes', key: 'notes' }].map(c => ({ ...c, title: 'field.' + c.title })), { testid: testid + '-contacts' })
        : `<p class="empty">${esc(t('customer.noContacts'))}</p>`}
      ${section('business', card.business)}${section('payment', card.payment)}${section('purchase', card.purchase)}</div>`;
  }

  /** The fields a card lacks (档案完整度), under their labels, in the card's order; nothing when it lacks none. */
  const missingFields = missing => {
    const fields = Object.values(missing || {}).flat();
    return fields.length ? `<div class="muted" data-testid="completeness-missing">${esc(t('completeness.missing'))}${fields.map(f => fieldLabel(f)).join('、')}</div>` : '';
  };

  /** The key facts of a profile: code, grade, owner, stage, value, open complaints, next follow-up. */
  function facts(p, complaints) {
    const open = p.openComplaints ?? complaints.filter(c => c.status !== 'CLOSED').length;
    const item = (label, value, testid) => `<div class="fact"><div class="label">${esc(t(label))}</div><div class="value" ${testid ? `data-testid="${testid}"` : ''}>${value || esc(t('none'))}</div></div>`;
    return `<div class="facts" data-testid="facts">
      ${p.code ? item('customer.code', val(p.code), 'code') : ''}
      ${item('customer.admission', `<span data-testid="admission-state">${code('admission', p.admission)}</span>`, 'admission')}
      ${item('col.grade', esc(p.grade), 'grade')}${item('col.owner', val(p.ownerId), 'owner')}
      ${item('customer.lifecycle', p.lifecycle ? `${code('stage', p.lifecycle.stage)}${p.lifecycle.since ? ` <span class="muted">${esc(t('customer.since'))} ${time(p.lifecycle.since)}</span>` : ''}${p.lifecycle.atRisk ? `<br><span class="badge URGENT">${esc(t('customer.atRisk'))}</span> ${reason(p.lifecycle.reason)}` : ''}` : '', 'stage')}
      ${item('customer.value', p.value ? number(p.value.score) : '', 'value')}
      ${p.route ? item('route.route', routeText(p.route), 'route') : ''}
      ${p.tradeType ? item('route.tradeType', tradeTypeName(p.tradeType), 'trade-type') : ''}
      ${p.credit ? item('money.available', availableCredit(p.credit), 'available-credit') : ''}
      ${p.completeness ? item('customer.completeness', `<span data-testid="completeness-score">${esc(t('completeness.percent', { n: p.completeness.score }))}</span>${missingFields(p.completeness.missing)}`, 'completeness') : ''}
      ${item('customer.openComplaints', esc(open), 'open-complaints')}
      ${item('customer.nextFollowUp', p.nextFollowUpOn ? date(p.nextFollowUpOn) : '', 'next-follow-up')}
      ${item('col.lastContact', time(p.lastContactAt))}
      ${item('customer.status', code('status', p.mergedInto ? 'MERGED' : p.status) + (p.overdue ? ` <span class="badge true">${esc(t('col.overdue'))}</span>` : ''), 'status')}
      ${item('customer.membership', p.membershipCard ? `${val(p.membershipCard.cardNumber)} ${code('cardTier', p.membershipCard.tier)} · ${code('cardStatus', p.membershipCard.status)} · ${esc(t('customer.validUntil'))} ${date(p.membershipCard.validUntil)}` : esc(t('customer.noCard')), 'membership')}
    </div>`;
  }

  /** One event in words: what happened, with the values that matter to a sales team. */
  function describe(e) {
    const d = e.data || {};
    const line = (label, value) => value === null || value === undefined || value === '' ? '' : `<div><span class="muted">${esc(t(label))}：</span>${value}</div>`;
    switch (e.type) {
      case 'CustomerRegistered': return esc(t('feed.registered', { grade: d.grade, owner: '\u0000' })).replace('\u0000', val(d.ownerId));
      case 'ProfileCardEdited': return (e.changes || []).length ? `<ul class="changes">${e.changes.map(c => `<li>${fieldLabel(c.field)}：${fieldValue(c.field, c.from)} → ${fieldValue(c.field, c.to)}</li>`).join('')}</ul>` : esc(t('feed.nothing'));
      case 'GradeChanged': return esc(t('feed.grade', { from: d.from, to: d.to })) + line('form.reason', val(d.reason));
      case 'VisitRecorded': return esc(t('feed.visit', { no: d.visitNo })) + ' · ' + code('method', d.method)
        + line('col.contact', d.contact ? val(d.contact.name) + (d.contact.role ? '（' + code('role', d.contact.role) + '）' : '') : '')
        + line('form.notes', val(d.notes)) + line('form.conclusion', val(d.conclusion)) + line('form.next', d.nextFollowUpOn ? date(d.nextFollowUpOn) : '')
        + line('check.title', checkText(d.storeCheck));
      case 'RouteAssigned': return (d.route ? routeText(d.route) : esc(t('route.off'))) + line('route.tradeType', tradeTypeName(d.tradeType));
      case 'RemarkWritten': return esc(t('remark.no', { no: d.remarkNo })) + ' · ' + esc(d.visitNo ? t('remark.aboutVisit', { no: d.visitNo }) : t('remark.aboutCard'))
        + line('remark.text', val(d.text));
      case 'RemarkAcknowledged': return esc(t('remark.no', { no: d.remarkNo }));
      case 'PurchaseRecorded': return esc(t('feed.purchase', { no: d.purchaseNo })) + `：${val(d.product)} × ${number(d.quantity)} · ${money(d.amount, d.currency)}` + line('form.orderRef', val(d.orderRef));
      case 'PurchaseCancelled': return esc(t('feed.purchaseCancelled', { no: d.purchaseNo })) + line('form.reason', val(d.reason));
      case 'ComplaintFiled': return `${code('category', d.category)} · ${code('severity', d.severity)}` + line('form.description', val(d.description)) + line('form.channel', val(d.channel));
      case 'ComplaintAssigned': return line('form.assignee', val(d.assignee));
      case 'ComplaintResolved': return line('form.resolution', val(d.resolution)) + line('form.responsibility', code('responsibility', d.responsibility));
      case 'ComplaintFollowedUp': return line('form.satisfaction', `<span data-testid="satisfaction">${esc(d.satisfaction)}</span> / 5`) + line('form.returnNotes', val(d.notes));
      case 'ComplaintReopened': return line('form.reason', val(d.reason));
      case 'CustomerMerged': return line('feed.mergedInto', `<a href="#/customer/${esc(d.mergedInto)}">${val(d.mergedInto)}</a>`) + line('form.reason', val(d.reason));
      case 'PossibleDuplicateAccepted': return line('feed.candidates', (d.candidates || []).map(c => `<a href="#/customer/${esc(c)}">${val(c)}</a>`).join('、')) + line('dup.forceReason', val(d.reason));
      case 'OwnerTransferred': return esc(t('feed.owner', { from: '\u0000', to: '\u0001' })).replace('\u0000', val(d.from)).replace('\u0001', val(d.to)) + line('form.reason', val(d.reason));
      case 'MembershipCardIssued': case 'MembershipCardReissued': case 'MembershipCardRenewed':
        return `${val(d.cardNumber)} ${code('cardTier', d.tier)}` + line('form.validUntil', date(d.validUntil)) + line('form.fee', money(d.fee, 'CNY'));
      case 'MembershipCardTierChanged': return `${val(d.cardNumber)} ${code('cardTier', d.from)} → ${code('cardTier', d.to)}` + line('form.reason', val(d.reason));
      case 'MembershipCardUsed': return `${val(d.cardNumber)} · ${val(d.outlet)} · ${money(d.amount, 'CNY')}`;
      case 'ShipmentRecorded': return `${esc(t('money.shipmentNo', { no: d.shipmentNo }))} · ${esc(t('feed.purchase', { no: d.purchaseNo }))} · ${val(d.reference)} · ${money(d.amount, d.currency)}`
        + line('money.dueOn', date(d.dueOn));
      case 'CollectionRecorded': return `${esc(t('money.collectionNo', { no: d.collectionNo }))} · ${val(d.reference)} · ${money(d.amount, d.currency)}`
        + line('money.allocation', (d.allocations || []).map(a => esc(t('money.shipmentNo', { no: a.shipmentNo })) + ' ' + money(a.amount, d.currency)).join('、'))
        + line('money.credit', d.credit && Number(d.credit) ? money(d.credit, d.currency) : '');
      case 'CollectionReversed': return `${esc(t('money.collectionNo', { no: d.collectionNo }))} · ${val(d.reference)}` + line('form.reason', val(d.reason));
      case 'CreditOverridden': return `${val(d.orderRef)} · ${code('rule', d.rule)}` + line('form.reason', val(d.reason));
      default: return line('form.reason', val(d.reason)) + line('col.notes', val(d.notes));
    }
  }

  async function customer(id, minVersion) {
    const token = current;
    const profile = await query(`/api/profiles/${id}${minVersion ? '?minVersion=' + minVersion : ''}`);
    if (token !== current) return;
    if (profile.status === 403) { main.innerHTML = `<p class="problem" data-testid="forbidden">${esc(t('forbidden'))}</p>`; return; }
    if (!ok(profile)) { main.innerHTML = problem(profile); return; }
    const p = profile.json;
    const basic = (p.card && p.card.basic) || {};
    const auditor = has('AUDITOR', 'ADMIN');
    const writer = has('SALES', 'MANAGER');
    const finance = has('FINANCE') && !p.mergedInto;
    // the ledger is read by whoever reads the profile and may see money; to anyone else (403) it is simply not there
    const [history, purchases, access, ledger, lead] = await Promise.all([allEvents(id, p.version), query(`/api/profiles/${id}/purchases`),
      auditor ? query(`/api/profiles/${id}/access-log?limit=20`) : Promise.resolve(null),
      query(`/api/profiles/${id}/ledger?minVersion=${p.version}`), writer ? leads() : Promise.resolve(false),
      // product and trade-type names for the route, the store check and the remarks (finance reads no catalogue)
      has('SALES', 'MANAGER', 'AUDITOR', 'ADMIN', 'CLERK') ? readCatalogue() : Promise.resolve(catalogue)]);
    if (token !== current) return;
    const events = history.events || [];
    const complaints = complaintsOf(events);
    // newest first in business time; events of one instant newest recorded first
    const feed = [...events].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt) || b.sequence - a.sequence);
    main.innerHTML = `<h1 data-testid="customer-name">${val(basic.name)}</h1>
      ${p.mergedInto ? `<div class="banner" role="note" data-testid="merged-banner">${esc(t('merged.banner'))}
        <a href="#/customer/${esc(p.mergedInto)}" data-testid="merged-target">${esc(t('merged.open'))}</a></div>` : ''}
      ${facts(p, complaints)}
      ${reviewPanel(p)}
      ${p.mergedInto ? '' : remarkPanel(p, events, lead && writer, writer)}
      ${ok(ledger) ? ledgerPanel(ledger.json, finance) : ledger.status === 403 ? '' : `<div class="panel"><h2 data-i18n="money.ledger"></h2>${problem(ledger)}</div>`}
      ${finance ? moneyForms(ok(purchases) ? purchases.json : []) : ''}
      <div class="grid2"><div class="panel"><h2 data-i18n="customer.card"></h2>${cardSections(p.card)}
        <p><button type="button" id="verify" data-i18n="customer.verify"></button> <span id="verdict" data-testid="verdict"></span>
          <button type="button" id="print" data-testid="print" data-i18n="customer.print"></button></p></div>
      <div class="panel"><h2 data-i18n="customer.asOf"></h2><form class="inline" id="asof-form">
        <label><span data-i18n="customer.asOfOn"></span><input type="date" id="asof-date" data-testid="asof-date" max="${today()}"></label>
        ${auditor ? `<label><span data-i18n="customer.asOfAt"></span><input type="datetime-local" id="asof-at" data-testid="asof-at"></label>
        <label><span data-i18n="customer.asOfVersion"></span><input type="number" min="1" max="${esc(p.version)}" id="asof-version" data-testid="asof-version"></label>` : ''}
        <button type="submit" id="asof-go" data-i18n="customer.asOfGo"></button></form>
        <div id="asof" data-testid="asof"></div></div></div>
      <div class="panel" data-testid="complaints"><h2 data-i18n="customer.complaints"></h2>${complaints.length ? complaints.map(c => complaintBlock(c, writer)).join('') : `<p class="empty">${esc(t('empty'))}</p>`}</div>
      ${writer && !p.mergedInto ? tasks(p, lead) : ''}
      ${writer && !p.mergedInto && p.status === 'ACTIVE' ? poolPanel(p) : ''}
      ${has('MANAGER') && !p.mergedInto && p.status === 'ACTIVE' ? mergeForm() : ''}
      <div class="panel"><h2 data-i18n="customer.activity"></h2><div id="feed" data-testid="activity"></div></div>
      <div class="panel"><h2 data-i18n="customer.purchases"></h2>${ok(purchases) ? table(purchases.json, [{ title: 'col.no', key: 'purchaseNo' },
        { title: 'col.when', render: v => time(v.purchasedAt) }, { title: 'col.product', key: 'product' }, { title: 'col.quantity', render: v => number(v.quantity) },
        { title: 'col.amount', render: v => money(v.amount, v.currency) }, { title: 'col.orderRef', key: 'orderRef' },
        { title: 'col.status', render: v => v.cancelled ? `<span class="badge">${esc(t('customer.cancelled'))}</span> ${val(v.cancelReason)}`
          : writer ? `<button type="button" data-cancel="${esc(v.purchaseNo)}" data-testid="cancel-purchase-${esc(v.purchaseNo)}">${esc(t('form.cancelPurchase'))}</button>` : '' }], { testid: 'purchases' }) : problem(purchases)}
        <div id="cancel-area"></div></div>
      ${access ? `<div class="panel"><h2 data-i18n="customer.accessLog"></h2>${ok(access) ? table(access.json, [{ title: 'col.when', render: a => time(a.at) },
        { title: 'col.who', key: 'user' }, { title: 'col.view', render: a => code('view', a.view) }]) : problem(access)}</div>` : ''}`;
    translate(main);
    wireReview(main, id, version => customer(id, version));
    drawFeed(feed, 0);
    document.getElementById('verify').addEventListener('click', async () => {
      const verdict = await query(`/api/profiles/${id}/verify`);
      document.getElementById('verdict').innerHTML = !ok(verdict) ? problem(verdict) : verdict.json.valid ? `<span class="ok">${esc(t('customer.valid'))}</span>`
        : `<span class="problem">${esc(t('customer.invalid'))} ${esc(verdict.json.sequence)}</span>`;
    });
    document.getElementById('print').addEventListener('click', () => printCard(id, '', p.code));
    document.getElementById('asof-form').addEventListener('submit', async event => {
      event.preventDefault();
      const on = document.getElementById('asof-date').value;
      const at = auditor ? document.getElementById('asof-at').value : '';
      const version = auditor ? document.getElementById('asof-version').value : '';
      // a date picked is a business day: the card as it stood at its end (on=), not at a recording instant
      const ask = version ? `version=${version}` : at ? `at=${instant(at)}` : `on=${on || today()}`;
      const note = version ? t('customer.asOfNoteVersion', { version }) : at ? t('customer.asOfNoteAt', { time: strip(time(instant(at))) })
        : t('customer.asOfNote', { day: strip(date(on || today())) });
      const then = await query(`/api/profiles/${id}/as-of?${ask}`);
      const target = document.getElementById('asof');
      target.innerHTML = ok(then) ? `<p class="muted">${esc(note)}</p><dl><dt>${esc(t('col.grade'))}</dt><dd data-testid="asof-grade">${esc(then.json.grade)}</dd>
        <dt>${esc(t('col.owner'))}</dt><dd>${val(then.json.ownerId)}</dd><dt>${esc(t('form.email'))}</dt><dd data-testid="asof-email">${val(((then.json.card || {}).basic || {}).email)}</dd>
        <dt>${esc(t('customer.asOfVersion'))}</dt><dd data-testid="asof-version-shown">${esc(then.json.version)}</dd></dl>${cardSections(then.json.card, 'asof-card')}
        <p><button type="button" id="asof-print" data-testid="asof-print">${esc(t('customer.printAsOf'))}</button></p>` : problem(then);
      translate(target);
      document.getElementById('asof-print')?.addEventListener('click', () => printCard(id, ask, p.code));
    });
    if (writer && !p.mergedInto) wireTasks(id, p, events);
    if (!p.mergedInto) wireRemarks(id, p);
    if (writer && !p.mergedInto && p.status === 'ACTIVE') wirePool(id, p);
    if (finance) wireMoney(id, p);
    wireMerge(id, p);
  }

  function drawFeed(feed, page) {
    const size = 25;
    const node = document.getElementById('feed');
    node.innerHTML = table(feed.slice(page * size, page * size + size), [{ title: 'col.when', render: e => time(e.occurredAt) },
      { title: 'col.what', render: e => `<span data-type="${esc(e.type)}">${code('event', e.type)}</span>` },
      { title: 'col.detail', render: describe }, { title: 'col.who', render: e => val(e.actor) }], { testid: 'feed' }) + (feed.length > size ? pager(page, size, feed.length, 'feed-pager') : '');
    node.querySelectorAll('.pager button[data-page]').forEach(b => b.addEventListener('click', () => drawFeed(feed, Number(b.dataset.page))));
  }

  /** A complaint with its steps (oldest first, as it was handled) and, for a writer, the next steps it may take. */
  function complaintBlock(c, writer) {
    const next = { FILED: ['assign'], ASSIGNED: ['resolve', 'assign'], REOPENED: ['assign', 'resolve'], RESOLVED: ['follow-up', 'reopen'],
      FOLLOWED_UP: ['close', 'reopen'], CLOSED: ['reopen'] }[c.status] || [];
    return `<div class="complaint" data-testid="complaint" data-complaint="${esc(c.complaintId)}">
      <div><strong>${code('category', c.category)}</strong> · ${code('severity', c.severity)} · <span class="badge" data-testid="complaint-status" data-status="${esc(c.status)}">${code('complaintStatus', c.status)}</span> · ${time(c.filedAt)}</div>
      <div>${val(c.description)}</div>
      <ol class="steps">${c.steps.map(s => `<li>${time(s.occurredAt)} · ${code('event', s.type)} · ${val(s.actor)} ${describe(s)}</li>`).join('')}</ol>
      ${writer ? `<div class="step-buttons">${next.map(step => `<button type="button" data-step="${step}" data-testid="step-${step}">${esc(t('step.' + step))}</button>`).join(' ')}</div><div class="step-area"></div>` : ''}</div>`;
  }

  // ---------------------------------------------------------------- the daily tasks on a customer
  const select = (name, group, values, { required = true, testid } = {}) => `<select name="${name}" ${required ? 'required' : ''} ${testid ? `data-testid="${testid}"` : ''}>
    <option value="">${esc(t('form.choose'))}</option>${values.map(v => `<option value="${esc(v)}">${group ? code(group, v) : esc(v)}</option>`).join('')}</select>`;
  const input = (label, name, attributes = '') => `<label><span>${esc(t(label))}</span><input name="${name}" ${attributes}></label>`;
  const textarea = (label, name, attributes = '') => `<label><span>${esc(t(label))}</span><textarea name="${name}" rows="2" ${attributes}></textarea></label>`;
  const labelled = (label, control) => `<label><span>${esc(t(label))}</span>${control}</label>`;
  const saveButton = () => `<button class="primary" type="submit">${esc(t('form.save'))}</button><div class="result"></div>`;
  const METHODS = ['ON_SITE_VISIT', 'PHONE', 'MAIL', 'EXHIBITION', 'CUSTOMER_CAME', 'ONLINE', 'OTHER'];
  const ROLES = ['DECISION_MAKER', 'INFLUENCER', 'USER', 'RECOMMENDER', 'CONTROLLER', 'GATEKEEPER'];
  const backDate = () => input('form.occurredAt', 'occurredAt', `type="datetime-local" max="${today()}T23:59"`);

  function tasks(p, lead) {
    const card = p.membershipCard;
    const status = card ? card.status : null;
    const cardForms = !card || status === 'CANCELLED' || status === 'REPLACED'
      ? `<form class="panel task" id="card-issue-form"><h2>${esc(t('form.issue'))}</h2>${labelled('form.tier', select('tier', 'cardTier', ['STANDARD', 'GOLD', 'PLATINUM']))}
          ${input('form.validUntil', 'validUntil', 'type="date" required')}${input('form.fee', 'fee', 'type="number" min="0" step="0.01" required')}
          <label class="check"><input type="checkbox" name="identityChecked" value="true" required><span>${esc(t('form.identityChecked'))}</span></label>${saveButton()}</form>`
      : `<form class="panel task" id="card-renew-form"><h2>${esc(t('form.renew'))}</h2>${input('form.validUntil', 'validUntil', 'type="date" required')}
          ${input('form.fee', 'fee', 'type="number" min="0" step="0.01" required')}${saveButton()}</form>
        ${status === 'REPORTED_LOST' || status === 'EXPIRED' ? `<form class="panel task" id="card-reissue-form"><h2>${esc(t('form.reissue'))}</h2>${input('form.fee', 'fee', 'type="number" min="0" step="0.01" required')}${saveButton()}</form>` : ''}
        ${status === 'LIVE' ? `<form class="panel task" id="card-lost-form"><h2>${esc(t('form.reportLost'))}</h2><p>${val(card.cardNumber)}</p>
          <button class="primary" type="submit">${esc(t('form.confirm'))}</button><div class="result"></div></form>` : ''}
        <form class="panel task" id="card-cancel-form"><h2>${esc(t('form.cancelCard'))}</h2>${input('form.reason', 'reason', 'required')}${saveButton()}</form>`;
    return `<h2 data-i18n="customer.tasks"></h2><div class="grid2 tasks">
      <form class="panel task" id="visit-form"><h2>${esc(t('form.visit'))}</h2>${labelled('form.method', select('method', 'method', METHODS))}
        ${input('form.contactName', 'contactName')}${labelled('form.contactRole', select('contactRole', 'role', ROLES, { required: false }))}
        ${textarea('form.notes', 'notes')}${input('form.conclusion', 'conclusion')}${input('form.next', 'nextFollowUpOn', `type="date" min="${today()}"`)}
        ${storeCheckGrid(p)}${backDate()}${saveButton()}</form>
      <form class="panel task" id="purchase-form"><h2>${esc(t('form.purchase'))}</h2>${input('form.product', 'product', 'required')}
        ${input('form.quantity', 'quantity', 'type="number" min="0.0001" step="any" required')}${input('form.amount', 'amount', 'type="number" min="0.01" step="0.01" required')}
        ${labelled('form.currency', `<select name="currency" required>${['CNY', 'USD', 'EUR', 'HKD'].map(c => `<option value="${c}">${esc(currencyName(c))}</option>`).join('')}</select>`)}
        ${input('form.orderRef', 'orderRef', 'required pattern="[A-Za-z0-9._\\/#\\-]+"')}${backDate()}${saveButton()}</form>
      <form class="panel task" id="complaint-form"><h2>${esc(t('form.complaint'))}</h2>${labelled('form.category', select('category', 'category', ['PRODUCT_QUALITY', 'SERVICE_ATTITUDE', 'DELIVERY', 'BILLING', 'OTHER']))}
        ${labelled('form.severity', select('severity', 'severity', ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']))}
        ${textarea('form.description', 'description', 'required')}${input('form.channel', 'channel', 'maxlength="50"')}${backDate()}${saveButton()}</form>
      <form class="panel task" id="grade-form"><h2>${esc(t('form.grade'))}</h2><p class="muted">${esc(t('col.grade'))}：${esc(p.grade)}</p>
        ${labelled('form.newGrade', select('grade', null, GRADES.filter(g => g !== p.grade)))}${input('form.reason', 'reason', 'required')}${saveButton()}</form>
      <form class="panel task" id="card-form"><h2>${esc(t('form.card'))}</h2>${input('form.email', 'email', 'type="email"')}${input('form.phone', 'phone', 'type="tel"')}
        ${input('form.occupation', 'occupation')}${input('form.province', 'province')}${input('search.city', 'city')}${input('form.industry', 'industry')}
        <fieldset><legend>${esc(t('form.addContact'))}</legend>${input('form.contactName', 'contactName')}${labelled('form.contactRole', select('contactRole', 'role', ROLES, { required: false }))}
        ${input('form.contactTitle', 'contactTitle')}${input('form.phone', 'contactPhone', 'type="tel"')}</fieldset>
        <fieldset><legend>${esc(t('form.addKeyPerson'))}</legend>${labelled('form.keyRole', select('keyRole', 'keyRole', ['LEGAL_REPRESENTATIVE', 'GENERAL_MANAGER', 'RESPONSIBLE'], { required: false }))}
        ${input('form.contactName', 'keyName')}${input('form.contactTitle', 'keyTitle')}${input('form.keyMobile', 'keyMobile', 'type="tel"')}</fieldset>${saveButton()}</form>
      ${cardForms}${lead ? routeForm(p) : ''}</div>`;
  }

  /** A manager's merge of this customer, a duplicate, into the one it duplicates (by the other's id). */
  function mergeForm() {
    return `<form class="panel task" id="merge-form" data-testid="merge-form"><h2>${esc(t('merge.title'))}</h2><p class="muted">${esc(t('merge.help'))}</p>
      ${input('merge.target', 'targetId', 'required maxlength="64" data-testid="merge-target"')}${input('form.reason', 'reason', 'required data-testid="merge-reason"')}
      <button class="primary" type="submit" data-testid="merge-go">${esc(t('merge.go'))}</button><div class="result"></div></form>`;
  }

  function wireMerge(id, p) {
    const form = document.getElementById('merge-form');
    if (!form) return;
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const v = Object.fromEntries(new FormData(form));
      // the target as people name it, by its customer code (ZJ202600042), or by its id
      let target = v.targetId.trim();
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(target)) {
        const found = await query(`/api/customers/by-code/${encodeURIComponent(target)}`);
        if (!ok(found)) {
          form.querySelector('.result').innerHTML = problem(found);
          return;
        }
        target = found.json.customerId;
      }
      const answer = await command(`/api/customers/${id}/merge-into/${encodeURIComponent(target)}`,
        { method: 'POST', ifMatch: `"${p.version}"`, body: { reason: v.reason } });
      if (ok(answer)) {
        await customer(id, answer.json.version);
        showFlash('form.saved');
      } else {
        form.querySelector('.result').innerHTML = problem(answer);
      }
    });
  }

  /** What changed since the version the user saw: who, when, which event, in words. */
  async function conflict(id, seen) {
    const { events } = await allEvents(id);
    const newer = (events || []).filter(e => e.sequence > seen);
    return `<div class="problem" role="alert" data-testid="conflict"><strong>${esc(t('form.conflict'))}</strong><ul>${newer.map(e =>
      `<li>${time(e.occurredAt)} · ${val(e.actor)} · ${code('event', e.type)} ${describe(e)}</li>`).join('')}</ul>
      <a href="#/customer/${esc(id)}?v=${Date.now()}">${esc(t('form.reload'))}</a></div>`;
  }

  const clean = object => Object.fromEntries(Object.entries(object).filter(([, v]) => v !== '' && v !== null && v !== undefined));
  /**
   * A form on the customer's page that saves with what the user typed only: on success the page is read again at the
   * written version and "Saved." stays in view over it; a refusal shows under the form.
   */
  const saving = (id, p, { shown, refused } = {}) => (form, send) => form && form.addEventListener('submit', async event => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form));
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    flash.innerHTML = '';
    const answer = await send(values);
    button.disabled = false;
    const result = form.querySelector('.result');
    if (ok(answer)) {
      const version = (answer.json && answer.json.version) || Number((answer.headers.get('ETag') || '').replace(/"/g, '')) || undefined;
      await customer(id, version);
      showFlash('form.saved');
      if (shown) flash.insertAdjacentHTML('beforeend', shown(answer));
      flash.scrollIntoView({ block: 'nearest' });
    } else if (answer.json && answer.json.rule === 'version-conflict') {
      result.innerHTML = await conflict(id, p.version);
    } else {
      result.innerHTML = problem(answer) + (refused ? refused(answer, form) : '');
    }
  });

  function wireTasks(id, p, events) {
    const base = `/api/customers/${id}`;
    const submit = saving(id, p);
    const when = v => v.occurredAt ? instant(v.occurredAt) : undefined;
    const byId = formId => document.getElementById(formId);
    // a visit with a store check answers the order it suggests per product, shown over the page read again
    const visitForm = byId('visit-form');
    if (visitForm) wireStoreCheck(visitForm);
    saving(id, p, { shown: suggestedOrders, refused: storeCheckRefused })(visitForm, v => {
      const storeCheck = storeCheckLines(visitForm);
      return command(base + '/visits', { method: 'POST', body: clean({ method: v.method, occurredAt: when(v),
        contact: v.contactName ? clean({ name: v.contactName, role: v.contactRole }) : undefined, notes: v.notes, conclusion: v.conclusion,
        nextFollowUpOn: v.nextFollowUpOn, storeCheck: storeCheck.length ? storeCheck : undefined }) });
    });
    submit(byId('route-assign-form'), v => command(base + '/route', { method: 'PUT', body: { tradeType: v.tradeType || null,
      route: { branch: v.branch || null, routeNo: v.routeNo, sequence: Number(v.sequence), weekday: v.weekday,
        visitWeeks: [1, 2, 3, 4].filter(w => v['week' + w]) } } }));
    submit(byId('purchase-form'), v => command(base + '/purchases', { method: 'POST', body: clean({ product: v.product, quantity: v.quantity,
      amount: v.amount, currency: v.currency, orderRef: v.orderRef, occurredAt: when(v) }) }));
    submit(byId('complaint-form'), v => command(base + '/complaints', { method: 'POST', body: clean({ category: v.category, severity: v.severity,
      description: v.description, channel: v.channel, occurredAt: when(v) }) }));
    // the grade sends the version the user saw: a change by someone else meanwhile is a conflict, not an overwrite
    submit(byId('grade-form'), v => command(base + '/grade', { method: 'PUT', ifMatch: `"${p.version}"`, body: { grade: v.grade, reason: v.reason } }));
    submit(byId('card-form'), v => {
      const basic = clean({ email: v.email, occupation: v.occupation, industry: v.industry });
      if (v.phone) basic.phones = [...(((p.card || {}).basic || {}).phones || []), v.phone];
      if (v.city || v.province) basic.address = { ...(((p.card || {}).basic || {}).address || {}), ...clean({ city: v.city, province: v.province }) };
      const patch = {};
      if (Object.keys(basic).length) patch.basic = basic;
      if (v.contactName) patch.contacts = [...((p.card || {}).contacts || []), clean({ name: v.contactName, role: v.contactRole, title: v.contactTitle, phone: v.contactPhone })];
      if (v.keyName) patch.keyPersons = [...((p.card || {}).keyPersons || []), clean({ role: v.keyRole || 'RESPONSIBLE', name: v.keyName, title: v.keyTitle, mobile: v.keyMobile })];
      return command(base + '/card', { method: 'PATCH', ifMatch: `"${p.version}"`, body: patch });
    });
    submit(byId('card-issue-form'), v => command(base + '/membership-card', { method: 'POST', body: { tier: v.tier, validUntil: v.validUntil, fee: v.fee, identityChecked: v.identityChecked === 'true' } }));
    submit(byId('card-renew-form'), v => command(base + '/membership-card/renew', { method: 'POST', body: { validUntil: v.validUntil, fee: v.fee } }));
    submit(byId('card-reissue-form'), v => command(base + '/membership-card/reissue', { method: 'POST', body: { fee: v.fee } }));
    submit(byId('card-lost-form'), () => command(base + '/membership-card/report-lost', { method: 'POST', body: {} }));
    submit(byId('card-cancel-form'), v => command(base + '/membership-card/cancel', { method: 'POST', body: { reason: v.reason } }));

    // a complaint's next step opens its form: every value it saves is one the user typed or chose
    main.querySelectorAll('.complaint button[data-step]').forEach(button => button.addEventListener('click', () => {
      const block = button.closest('.complaint');
      const step = button.dataset.step;
      const fields = {
        assign: input('form.assignee', 'assignee', 'required pattern="[A-Za-z0-9._@\\-]+"'),
        resolve: textarea('form.resolution', 'resolution', 'required') + labelled('form.responsibility', select('responsibility', 'responsibility', ['OURS', 'CUSTOMER', 'THIRD_PARTY'])),
        'follow-up': labelled('form.satisfaction', select('satisfaction', null, ['1', '2', '3', '4', '5'])) + textarea('form.returnNotes', 'notes'),
        close: `<p>${esc(t('form.confirmClose'))}</p>`,
        reopen: input('form.reopenReason', 'reason', 'required')
      }[step];
      const area = block.querySelector('.step-area');
      area.innerHTML = `<form class="step-form" data-testid="step-form-${step}"><h3>${esc(t('step.' + step))}</h3>${fields}${step !== 'close' ? backDate() : ''}
        <button class="primary" type="submit" data-testid="step-save">${esc(t(step === 'close' ? 'form.confirm' : 'form.save'))}</button><div class="result"></div></form>`;
      const form = area.querySelector('form');
      const bodyOf = v => ({ assign: { assignee: v.assignee }, resolve: { resolution: v.resolution, responsibility: v.responsibility },
        'follow-up': { satisfaction: v.satisfaction ? Number(v.satisfaction) : undefined, notes: v.notes }, close: {}, reopen: { reason: v.reason } }[step]);
      submit(form, v => command(`${base}/complaints/${block.dataset.complaint}/${step}`, { method: 'POST', body: clean({ ...bodyOf(v), occurredAt: when(v) }) }));
      form.querySelector('input, select, textarea, button')?.focus();
    }));
    main.querySelectorAll('button[data-cancel]').forEach(button => button.addEventListener('click', () => {
      const area = document.getElementById('cancel-area');
      area.innerHTML = `<form class="step-form" data-testid="cancel-form"><h3>${esc(t('form.cancelPurchase'))} · ${esc(t('feed.purchase', { no: button.dataset.cancel }))}</h3>
        ${input('form.cancelReason', 'reason', 'required')}${saveButton()}</form>`;
      const form = area.querySelector('form');
      submit(form, v => command(`${base}/purchases/${button.dataset.cancel}/cancel`, { method: 'POST', body: { reason: v.reason } }));
      form.querySelector('input').focus();
    }));
  }

  // ---------------------------------------------------------------- money after the sale (发货 · 回款 · 账龄)
  const AGEING = ['notYetDue', 'days1to30', 'days31to60', 'days61to90', 'over90'];
  const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD'];
  /** Payment terms in words: cash, N days after shipment, a monthly statement on day N. */
  const termsText = terms => terms && terms.kind ? esc(t('terms.' + terms.kind, { days: terms.days, day: terms.day })) : '';
  /** A money text inside a sentence of the console's words. */
  const amountText = (amount, currency) => strip(money(amount, currency));

  /** What credit is left per currency (only where a limit is set), and the hold. */
  function availableCredit(credit) {
    if (!credit) return '';
    const limited = (credit.currencies || []).filter(line => line.available !== undefined && line.available !== null);
    return (limited.length ? limited.map(line => `<span data-currency="${esc(line.currency)}">${money(line.available, line.currency)}</span>`).join('<br>') : esc(t('money.noLimit')))
      + (credit.onHold ? ` <span class="badge URGENT" data-testid="credit-hold">${esc(t('money.onHold'))}</span>` : '');
  }

  /** The card's payment section as the rules read it: terms, rating, and per currency limit, open, overdue and available. */
  function creditSummary(credit) {
    if (!credit) return `<p class="empty">${esc(t('money.noCredit'))}</p>`;
    const line = key => c => c[key] === undefined || c[key] === null ? '' : money(c[key], c.currency);
    return `<div data-testid="credit"><dl>
      <dt>${esc(t('money.terms'))}</dt><dd data-testid="credit-terms">${termsText(credit.terms)}</dd>
      ${credit.rating ? `<dt>${esc(t('field.payment.creditRating'))}</dt><dd>${val(credit.rating)}</dd>` : ''}
      <dt>${esc(t('money.daysPastDue'))}</dt><dd data-testid="credit-days-past-due">${number(credit.daysPastDue)}${credit.onHold ? ` <span class="badge URGENT" data-testid="credit-hold">${esc(t('money.onHold'))}</span>` : ''}</dd></dl>
      ${table(credit.currencies, [{ title: 'form.currency', render: c => val(c.currency) },
        { title: 'money.limit', render: c => c.limit === undefined || c.limit === null ? esc(t('money.noLimit')) : money(c.limit, c.currency) },
        { title: 'money.receivable', render: line('receivable') }, { title: 'money.overdue', render: line('overdue') },
        { title: 'money.openOrders', render: line('openOrders') }, { title: 'money.credit', render: line('credit') },
        { title: 'money.exposure', render: line('exposure') },
        { title: 'money.available', render: c => `<span data-testid="available">${c.available === undefined || c.available === null ? esc(t('money.noLimit')) : money(c.available, c.currency)}</span>` }],
        { testid: 'credit-currencies', rowAttributes: c => `data-currency="${esc(c.currency)}"` })}</div>`;
  }

  /** Where a ledger line stands: a shipment's due day, what is open, days past due; a collection's allocations, credit, reversal. */
  function entryState(e) {
    const parts = [];
    if (e.kind === 'SHIPMENT') {
      parts.push(`${esc(t('money.dueOn'))} ${date(e.dueOn)}`);
      const open = Number(e.open || 0);
      if (open <= 0) parts.push(`<span class="badge" data-testid="entry-settled">${esc(t('money.settled'))}</span>`);
      else if (open < Number(e.amount)) parts.push(esc(t('money.open', { amount: amountText(e.open, e.currency) })));
      if (open > 0 && e.daysPastDue > 0) {
        parts.push(`<span class="badge ${e.daysPastDue > 90 ? 'URGENT' : 'SOON'}" data-testid="entry-past-due">${esc(t('money.pastDue', { days: e.daysPastDue }))}</span>`);
      }
      if (e.fromCredit) parts.push(esc(t('money.fromCredit', { amount: amountText(e.fromCredit, e.currency) })));
    } else if (e.kind === 'COLLECTION') {
      if ((e.allocations || []).length) {
        parts.push(esc(t('money.settles', { list: e.allocations.map(a => t('money.shipmentNo', { no: a.shipmentNo }) + ' ' + amountText(a.amount, e.currency)).join('、') })));
      }
      if (e.credit) parts.push(esc(t('money.leftCredit', { amount: amountText(e.credit, e.currency) })));
      if (e.reversed) parts.push(`<span class="badge true" data-testid="entry-reversed">${esc(t('money.reversed'))}</span>`);
    } else if (e.kind === 'REVERSAL') {
      parts.push(`${esc(t('form.reason'))}：${val(e.reason)}`);
    }
    return parts.join('<br>');
  }

  /** The customer's ledger (财务明细帐): its credit, every shipment, collection and reversal with the running balance. */
  function ledgerPanel(ledger, finance) {
    const balances = Object.entries(ledger.balances || {});
    if (!ledger.credit && !(ledger.entries || []).length && !finance) {
      return `<div class="panel" data-testid="ledger"><h2 data-i18n="money.ledger"></h2><p class="empty">${esc(t('money.noEntries'))}</p></div>`;
    }
    return `<div class="panel" data-testid="ledger"><h2 data-i18n="money.ledger"></h2>
      <h3 data-i18n="money.creditTitle"></h3>${creditSummary(ledger.credit)}
      <h3 data-i18n="money.entries"></h3>
      ${table(ledger.entries, [{ title: 'money.day', render: e => date(e.day) },
        { title: 'money.entry', render: e => `<span data-testid="entry-kind" data-kind="${esc(e.kind)}">${esc(t('entry.' + e.kind, { no: e.number }))}</span>` },
        { title: 'money.reference', render: e => val(e.reference) + (e.purchaseNo ? ` <span class="muted">${esc(t('feed.purchase', { no: e.purchaseNo }))}</span>` : '') },
        { title: 'col.amount', render: e => `<span data-testid="entry-amount">${money(e.amount, e.currency)}</span>` },
        { title: 'money.balance', render: e => `<span data-testid="entry-balance">${money(e.balance, e.currency)}</span>` },
        { title: 'money.state', render: entryState },
        ...(finance ? [{ title: 'col.actions', render: e => e.kind === 'COLLECTION' && !e.reversed
          ? `<button type="button" data-reverse="${esc(e.reference)}" data-testid="reverse">${esc(t('money.reverse'))}</button>` : '' }] : [])],
        { testid: 'ledger-entries', empty: t('money.noEntries'), rowAttributes: e => `data-testid="ledger-entry" data-kind="${esc(e.kind)}" data-reference="${esc(e.reference)}"` })}
      <p data-testid="balances"><strong>${esc(t('money.balances'))}</strong>：${balances.length ? balances.map(([currency, amount]) =>
        `<span data-testid="balance" data-currency="${esc(currency)}">${money(amount, currency)}</span>${Number(amount) < 0 ? ` <span class="muted">(${esc(t('money.customerCredit'))})</span>` : ''}`).join('；') : esc(t('money.noEntries'))}</p>
      <div id="reverse-area"></div></div>`;
  }

  /** Finance's forms on the customer: a shipment of one of its purchases, a collection (settling named shipments or the oldest). */
  function moneyForms(purchases) {
    const open = (purchases || []).filter(v => !v.cancelled);
    const reference = testid => `required maxlength="100" pattern="[A-Za-z0-9._\\/#\\-]+" data-testid="${testid}"`;
    const when = testid => `type="datetime-local" max="${today()}T23:59" data-testid="${testid}"`;
    return `<h2 data-i18n="money.tasks"></h2><div class="grid2 tasks">
      <form class="panel task" id="shipment-form" data-testid="shipment-form"><h2>${esc(t('money.ship'))}</h2>
        ${open.length ? `${labelled('money.purchase', `<select name="purchaseNo" required data-testid="shipment-purchase">${open.map(v =>
          `<option value="${esc(v.purchaseNo)}">${esc(t('feed.purchase', { no: v.purchaseNo }))} · ${esc(v.product)} · ${money(v.amount, v.currency)}</option>`).join('')}</select>`)}
        ${input('col.quantity', 'quantity', 'type="number" min="0.0001" step="any" required data-testid="shipment-quantity"')}
        ${input('col.amount', 'amount', 'type="number" min="0.01" step="0.01" required data-testid="shipment-amount"')}
        ${input('money.reference', 'reference', reference('shipment-reference'))}${input('money.shippedAt', 'shippedAt', when('shipment-at'))}
        <button class="primary" type="submit" data-testid="shipment-save">${esc(t('form.save'))}</button><div class="result"></div>`
        : `<p class="empty">${esc(t('money.nothingToShip'))}</p>`}</form>
      <form class="panel task" id="collection-form" data-testid="collection-form"><h2>${esc(t('money.collect'))}</h2>
        ${input('col.amount', 'amount', 'type="number" min="0.01" step="0.01" required data-testid="collection-amount"')}
        ${labelled('form.currency', `<select name="currency" required data-testid="collection-currency">${CURRENCIES.map(c => `<option value="${c}">${esc(currencyName(c))}</option>`).join('')}</select>`)}
        ${input('money.reference', 'reference', reference('collection-reference'))}${input('money.receivedAt', 'receivedAt', when('collection-at'))}
        <fieldset><legend>${esc(t('money.allocation'))}</legend><p class="muted">${esc(t('money.allocationHelp'))}</p>
          ${input('money.shipment', 'shipmentNo', 'type="number" min="1" step="1" data-testid="collection-shipment"')}
          ${input('money.allocated', 'allocated', 'type="number" min="0.01" step="0.01" data-testid="collection-allocated"')}</fieldset>
        <button class="primary" type="submit" data-testid="collection-save">${esc(t('form.save'))}</button><div class="result"></div></form></div>`;
  }

  function wireMoney(id, p) {
    const submit = saving(id, p);
    const base = `/api/customers/${id}`;
    const at = local => local ? instant(local) : undefined;
    submit(document.getElementById('shipment-form'), v => command(`${base}/purchases/${encodeURIComponent(v.purchaseNo)}/shipments`, { method: 'POST',
      body: clean({ shippedAt: at(v.shippedAt), quantity: v.quantity, amount: v.amount, reference: v.reference }) }));
    submit(document.getElementById('collection-form'), v => command(`${base}/collections`, { method: 'POST',
      body: clean({ receivedAt: at(v.receivedAt), amount: v.amount, currency: v.currency, reference: v.reference,
        allocations: v.shipmentNo ? [{ shipmentNo: Number(v.shipmentNo), amount: v.allocated || v.amount }] : undefined }) }));
    main.querySelectorAll('button[data-reverse]').forEach(button => button.addEventListener('click', () => {
      const area = document.getElementById('reverse-area');
      area.innerHTML = `<form class="step-form" data-testid="reverse-form"><h3>${esc(t('money.reverse'))} · ${val(button.dataset.reverse)}</h3>
        ${input('money.reverseReason', 'reason', 'required maxlength="2000" data-testid="reverse-reason"')}
        <button class="primary" type="submit" data-testid="reverse-save">${esc(t('form.confirm'))}</button><div class="result"></div></form>`;
      const form = area.querySelector('form');
      submit(form, v => command(`${base}/collections/${encodeURIComponent(button.dataset.reverse)}/reverse`, { method: 'POST', body: { reason: v.reason } }));
      form.querySelector('input').focus();
    }));
  }

  // ---------------------------------------------------------------- register a customer
  async function register() {
    const sales = !has('MANAGER');
    main.innerHTML = `<h1 data-i18n="new.title"></h1><form class="panel task wide" id="register-form">
      <div class="grid3">${labelled('new.kind', select('kind', 'kind', ['ORGANIZATION', 'INDIVIDUAL']))}
      ${labelled('new.nature', select('nature', 'nature', ['COMPANY', 'GOVERNMENT', 'SPECIAL_PARTNER', 'TRADING_PARTNER', 'INDIVIDUAL']))}
      ${labelled('new.tier', select('tier', 'tier', ['KEY', 'REGULAR', 'OCCASIONAL']))}
      ${labelled('new.source', select('source', 'source', ['QUESTIONNAIRE', 'PHONE_INTERVIEW', 'ON_SITE', 'EVENT', 'REFERRAL', 'EXHIBITION', 'WEBSITE', 'OTHER']))}
      ${labelled('new.grade', select('grade', null, GRADES))}
      ${input('new.owner', 'ownerId', `required pattern="[A-Za-z0-9._@\\-]+" ${sales ? `value="${esc(session.user)}" readonly` : ''}`)}</div>
      <h2 data-i18n="section.basic"></h2><div class="grid3">${input('new.name', 'name', 'required maxlength="200"')}${input('form.phone', 'phone', 'type="tel"')}
      ${input('form.email', 'email', 'type="email"')}${input('form.province', 'province')}${input('search.city', 'city')}${input('form.industry', 'industry')}</div>
      <h2 data-i18n="section.contacts"></h2><div class="grid3">${input('new.contact', 'contactName')}${labelled('form.contactRole', select('contactRole', 'role', ROLES, { required: false }))}
      ${input('form.contactTitle', 'contactTitle')}${input('form.phone', 'contactPhone', 'type="tel"')}</div>
      <div class="grid3">${input('new.occurredAt', 'occurredAt', `type="date" max="${today()}"`)}</div>
      <button class="primary" type="submit">${esc(t('form.save'))}</button><div class="result"></div></form>`;
    translate(main);
    const form = document.getElementById('register-form');
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const v = Object.fromEntries(new FormData(form));
      const clean = object => Object.fromEntries(Object.entries(object).filter(([, x]) => x !== '' && x !== undefined));
      const basic = clean({ name: v.name, email: v.email, industry: v.industry });
      if (v.phone) basic.phones = [v.phone];
      if (v.city || v.province) basic.address = clean({ province: v.province, city: v.city });
      const card = { basic };
      if (v.contactName) card.contacts = [clean({ name: v.contactName, role: v.contactRole, title: v.contactTitle, phone: v.contactPhone })];
      // a registration day in the past is that day's noon in the business zone (never the future, never a midnight edge)
      const occurredAt = v.occurredAt && v.occurredAt !== today() ? instant(v.occurredAt + 'T12:00') : undefined;
      const body = clean({ customerId: crypto.randomUUID ? crypto.randomUUID() : undefined, kind: v.kind, nature: v.nature, tier: v.tier,
        source: v.source, grade: v.grade, ownerId: v.ownerId, card, occurredAt });
      const answer = await command('/api/customers', { method: 'POST', body });
      if (ok(answer)) {
        pendingFlash = 'form.saved';
        location.hash = `#/customer/${answer.json.customerId}?v=${answer.json.version}`;
      } else {
        const result = form.querySelector('.result');
        result.innerHTML = problem(answer);
        if (answer.json && answer.json.rule === 'possible-duplicate' && has('MANAGER')) forceOffer(result, body);
        result.scrollIntoView({ block: 'nearest' });
      }
    });
  }

  /** A manager's "register anyway" under the candidates: the same registration with force and the reason typed. */
  function forceOffer(result, body) {
    result.insertAdjacentHTML('beforeend', `<div class="panel task" data-testid="force"><h3>${esc(t('dup.force'))}</h3>
      ${input('dup.forceReason', 'forceReason', 'required maxlength="2000" data-testid="force-reason"')}
      <button type="button" class="primary" data-testid="force-go">${esc(t('dup.registerAnyway'))}</button><div class="force-result"></div></div>`);
    const reason = result.querySelector('[name=forceReason]');
    result.querySelector('[data-testid=force-go]').addEventListener('click', async () => {
      if (!reason.value.trim()) { reason.reportValidity(); return; }
      const forced = await command('/api/customers', { method: 'POST', body: { ...body, force: true, forceReason: reason.value.trim() } });
      if (ok(forced)) {
        pendingFlash = 'form.saved';
        location.hash = `#/customer/${forced.json.customerId}?v=${forced.json.version}`;
      } else {
        result.querySelector('.force-result').innerHTML = problem(forced);
      }
    });
  }

  // ---------------------------------------------------------------- agenda
  async function agenda(params) {
    const token = current;
    const form = new URLSearchParams(params);
    const from = form.get('from') || today(), to = form.get('to') || addDays(from, 30);
    const owner = form.get('ownerId');
    const answer = await query(`/api/agenda?from=${instant(from)}&to=${instant(to)}${owner ? '&ownerId=' + encodeURIComponent(owner) : ''}`);
    if (token !== current) return;
    const size = 20, page = pageOf(params);
    const items = ok(answer) ? answer.json : [];
    main.innerHTML = `<h1 data-i18n="agenda.title"></h1>
      <form class="inline controls" id="agenda-form"><label><span data-i18n="period.from"></span><input type="date" name="from" value="${esc(from)}"></label>
      <label><span data-i18n="period.to"></span><input type="date" name="to" value="${esc(to)}"></label>
      ${has('MANAGER', 'ADMIN') ? `<label><span data-i18n="period.owner"></span><input name="ownerId" value="${esc(owner)}"></label>` : ''}
      <button class="primary" type="submit" data-i18n="period.apply"></button></form>
      <div class="panel" data-testid="agenda">${ok(answer) ? table(items.slice(page * size, page * size + size), [{ title: 'col.when', render: i => date(i.date) },
        { title: 'col.kind', render: i => code('agenda', i.kind) }, { title: 'col.urgency', render: i => `<span class="badge ${esc(i.urgency)}">${code('urgency', i.urgency)}</span>` },
        { title: 'col.name', render: customerLink }, { title: 'col.detail', render: agendaText }], { testid: 'agenda-table' }) + pager(page, size, items.length) : problem(answer)}</div>`;
    translate(main);
    const formNode = document.getElementById('agenda-form');
    formNode.addEventListener('submit', event => {
      event.preventDefault();
      const f = new URLSearchParams(new FormData(event.target));
      [...f.keys()].forEach(k => { if (!f.get(k)) f.delete(k); });
      location.hash = '#/agenda?' + f;
    });
    const keep = new URLSearchParams(params); keep.delete('page');
    wirePager(main, '/agenda', keep);
  }

  // ---------------------------------------------------------------- lists behind the figures
  async function atRisk(params) {
    const token = current;
    const form = new URLSearchParams(params);
    const owner = form.get('ownerId');
    const answer = await query('/api/reports/at-risk' + (owner ? '?ownerId=' + encodeURIComponent(owner) : ''));
    if (token !== current) return;
    const size = 20, page = pageOf(params);
    const rows = ok(answer) ? answer.json : [];
    main.innerHTML = `<h1 data-i18n="atRisk.title"></h1>
      <div class="panel" data-testid="at-risk">${ok(answer) ? table(rows.slice(page * size, page * size + size), [{ title: 'col.name', render: customerLink },
        { title: 'col.owner', key: 'ownerId' }, { title: 'col.grade', key: 'grade' }, { title: 'col.stage', render: r => code('stage', r.stage) },
        { title: 'col.reason', render: r => reason(r.reason) }, { title: 'col.lastPurchase', render: r => date(r.lastPurchaseOn) },
        { title: 'col.daysSince', render: r => number(r.daysSinceLastPurchase) }, { title: 'col.lastContact', render: r => time(r.lastContactAt) }], { testid: 'at-risk-table' })
        + pager(page, size, rows.length) : problem(answer)}
        <button type="button" id="csv" data-i18n="search.csv"></button><button type="button" id="xlsx" data-i18n="search.xlsx"></button></div>`;
    translate(main);
    wirePager(main, '/at-risk', form);
    document.getElementById('csv').addEventListener('click', () => download('/api/reports/at-risk' + (owner ? '?ownerId=' + encodeURIComponent(owner) : ''), 'at-risk.csv'));
    document.getElementById('xlsx').addEventListener('click', () => download('/api/reports/at-risk' + (owner ? '?ownerId=' + encodeURIComponent(owner) : ''), 'at-risk.xlsx'));
  }

  async function complaintList(params) {
    const token = current;
    const form = new URLSearchParams(params);
    const asked = new URLSearchParams(form); asked.delete('page');
    const answer = await query('/api/complaints?' + asked);
    if (token !== current) return;
    const size = 20, page = pageOf(params);
    const rows = ok(answer) ? answer.json : [];
    main.innerHTML = `<h1 data-i18n="complaints.title"></h1>
      <div class="panel" data-testid="complaint-list">${ok(answer) ? table(rows.slice(page * size, page * size + size), [
        { title: 'col.when', render: c => time(c.filedAt) }, { title: 'col.category', render: c => code('category', c.category) },
        { title: 'col.severity', render: c => code('severity', c.severity) }, { title: 'col.status', render: c => code('complaintStatus', c.status) },
        { title: 'col.owner', key: 'ownerId' }, { title: 'col.age', render: c => number(c.ageHours) },
        { title: 'col.customer', render: c => `<a href="#/customer/${esc(c.customerId)}">${esc(t('col.view'))}</a>` }]) + pager(page, size, rows.length) : problem(answer)}</div>`;
    translate(main);
    wirePager(main, '/complaints', asked);
  }

  const ROUTE_REPORTS = ['distribution', 'route-week', 'plan-adherence', 'trade-types'];
  /** The customers or events behind one figure of a report, as the report's drill link names them. */
  async function drill(params) {
    const token = current;
    const form = new URLSearchParams(params);
    const link = form.get('u') || '';
    const page = pageOf(params), size = 50;
    if (!link.startsWith('/api/reports/')) { main.innerHTML = `<p class="problem">${esc(t('notFound'))}</p>`; return; }
    const separator = link.includes('?') ? '&' : '?';
    const answer = await query(`${link}${separator}page=${page}&size=${size}`);
    if (token !== current) return;
    if (answer.status === 404) { main.innerHTML = `<h1 data-i18n="drill.title"></h1><p class="problem" data-testid="drill-missing">${esc(t('drill.missing'))}</p>`; translate(main); return; }
    const body = answer.json || {};
    // a receivable's shipment: what of it was open, its due day and how many days past due
    const aged = body.report === 'receivables';
    const columns = body.kind === 'events'
      ? [{ title: 'col.when', render: e => time(e.occurredAt) }, { title: 'col.name', render: customerLink }, { title: 'col.type', render: e => code('event', e.type) },
        { title: aged ? 'money.openAmount' : 'col.amount', render: e => e.amount !== undefined && e.amount !== null ? `<span data-testid="drill-amount">${money(e.amount, e.currency)}</span>` : '' },
        ...(aged ? [{ title: 'money.dueOn', render: e => date(e.dueOn) },
          { title: 'money.daysPastDue', render: e => `<span data-testid="drill-days-past-due">${number(e.daysPastDue)}</span>` }, { title: 'col.owner', key: 'ownerId' }] : [])]
      : [{ title: 'col.name', render: customerLink }, { title: 'col.owner', key: 'ownerId' }, { title: 'col.grade', key: 'grade' }];
    main.innerHTML = `<h1 data-i18n="drill.title"></h1>
      <div class="panel" data-testid="drill">${ok(answer) ? `<p class="muted" data-testid="drill-figure">${body.report ? esc(t('reports.' + body.report)) : ''} ${aged ? '· ' + esc(t('ageing.' + body.figure)) : ''}${ROUTE_REPORTS.includes(body.report) ? ' · ' + esc(t('drillFigure.' + body.figure)) : ''} ${body.key ? '· ' + val(drillKey(body)) : ''} ${body.column ? '→ ' + val(body.column) : ''}</p>`
        + table(body.items, columns, { testid: 'drill-table' }) + pager(page, size, body.total || 0)
        + `<button type="button" id="csv" data-testid="drill-csv" data-i18n="drill.csv"></button>` : problem(answer)}</div>`;
    translate(main);
    wirePager(main, '/drill', new URLSearchParams({ u: link }));
    document.getElementById('csv')?.addEventListener('click', () => download(link, 'drill.csv'));
  }

  // ---------------------------------------------------------------- reports
  const STATISTICS_BY = ['owner', 'source', 'province', 'city', 'industry', 'grade', 'tier', 'nature', 'lifecycle'];
  const COMPLAINTS_BY = ['category', 'severity', 'responsibility', 'owner'];
  /** A list the console already has for one group of a statistics row, until the report links its own drill-down. */
  function groupList(by, key) {
    const param = { owner: 'ownerId', city: 'city', grade: 'grade', tier: 'tier', nature: 'nature' }[by];
    return param ? `#/search?${param}=${encodeURIComponent(key)}` : null;
  }
  /** A group's key in words: codes translated by their dimension, names and places as they are. */
  function groupKey(by, key) {
    const group = { grade: null, tier: 'tier', nature: 'nature', source: 'source', lifecycle: 'stage', category: 'category', severity: 'severity', responsibility: 'responsibility' }[by];
    return group ? code(group, key) : val(key);
  }

  async function reports(params) {
    const token = current;
    const form = new URLSearchParams(params);
    const from = form.get('from') || daysAgo(365), to = form.get('to') || today();
    form.set('from', from); form.set('to', to);
    const by = STATISTICS_BY.includes(form.get('by')) ? form.get('by') : 'owner';
    const complaintsBy = COMPLAINTS_BY.includes(form.get('complaintsBy')) ? form.get('complaintsBy') : 'category';
    const owner = form.get('ownerId') || '';
    const knownAt = form.get('knownAt') ? instant(form.get('knownAt')) : '';
    const known = knownAt ? '&knownAt=' + knownAt : '';
    const period = `from=${instant(from)}&to=${endOf(to)}${known}`;
    const ownerQuery = owner ? '&ownerId=' + encodeURIComponent(owner) : '';
    const asked = {
      lifecycle: `/api/reports/lifecycle?asOf=${endOf(to)}${ownerQuery}${known}`,
      value: `/api/reports/value?top=20${ownerQuery}${known}`,
      referrals: `/api/reports/referrals?${period}`,
      statistics: `/api/reports/statistics?${period}&by=${by}`,
      complaints: `/api/reports/complaints?${period}&by=${complaintsBy}`,
      membership: `/api/reports/membership?${period}`
    };
    const names = Object.keys(asked);
    const answers = await Promise.all(names.map(name => query(asked[name])));
    if (token !== current) return;
    const [lifecycle, value, referrals, statistics, complaints, membership] = answers;
    const dr = (row, key) => row && row.drill ? row.drill[key] : null;
    const stageRows = ok(lifecycle) ? Object.entries(lifecycle.json.stages).map(([stage, count]) => ({ stage, count })) : [];
    const extra = `<label><span data-i18n="reports.by"></span><select name="by" data-testid="report-by">${STATISTICS_BY.map(b => `<option value="${b}" ${b === by ? 'selected' : ''}>${code('dimension', b)}</option>`).join('')}</select></label>
      <label><span data-i18n="reports.complaintsBy"></span><select name="complaintsBy">${COMPLAINTS_BY.map(b => `<option value="${b}" ${b === complaintsBy ? 'selected' : ''}>${code('dimension', b)}</option>`).join('')}</select></label>
      <label><span data-i18n="reports.knownAt"></span><input type="datetime-local" name="knownAt" value="${esc(form.get('knownAt'))}" data-testid="known-at"></label>`;
    main.innerHTML = `<h1 data-i18n="reports.title"></h1>${periodForm(form, extra)}
      <p><button type="button" id="freeze" data-testid="freeze" data-i18n="reports.freeze"></button> <span id="frozen" data-testid="frozen"></span></p>
      <div class="grid2"><div class="panel"><h2 data-i18n="reports.lifecycle"></h2><div id="lifecycle" class="chart" role="img" aria-label="${esc(t('reports.lifecycle'))}"></div>
        ${ok(lifecycle) ? table(stageRows, [{ title: 'col.stage', render: s => code('stage', s.stage) },
          { title: 'col.count', render: s => figure(s.count, lifecycle.json.drill && lifecycle.json.drill.stages ? lifecycle.json.drill.stages[s.stage] : null, null) }], { testid: 'lifecycle-table' })
          + `<p>${esc(t('reports.atRisk'))}：${figure(lifecycle.json.atRisk, dr(lifecycle.json, 'atRisk'), '#/at-risk' + (owner ? '?ownerId=' + encodeURIComponent(owner) : ''), 'report-at-risk')}</p>` : problem(lifecycle)}</div>
      <div class="panel"><h2 data-i18n="reports.value"></h2>${ok(value) ? table(value.json, [{ title: 'col.rank', key: 'rank' }, { title: 'col.name', render: customerLink },
        { title: 'col.stage', render: r => code('stage', r.stage) }, { title: 'col.score', render: r => number(r.value.score) },
        { title: 'col.purchases', render: r => figure(r.purchases, dr(r, 'purchases'), null) }, { title: 'col.amount', render: r => totals(r.totals) }], { testid: 'value-table' }) : problem(value)}</div></div>
      <div class="panel"><h2><span data-i18n="reports.statistics"></span> · ${code('dimension', by)}</h2>${ok(statistics) ? table(statistics.json, [
        { title: 'col.key', render: r => groupKey(by, r.key) },
        { title: 'col.customers', render: r => figure(r.customers, dr(r, 'customers'), groupList(by, r.key)) },
        { title: 'col.newCustomers', render: r => figure(r.newCustomers, dr(r, 'newCustomers'), null) },
        { title: 'col.visits', render: r => figure(r.visits, dr(r, 'visits'), null) },
        { title: 'col.purchases', render: r => figure(r.purchases, dr(r, 'purchases'), null) },
        { title: 'col.amount', render: r => (r.totals || []).map(line => figure(strip(money(line.amount, line.currency)), r.drill && r.drill.totals ? r.drill.totals[line.currency] : null, null)).join('<br>') },
        { title: 'col.complaints', render: r => figure(r.complaints, dr(r, 'complaints'), null) },
        { title: 'col.averageCompleteness', render: r => r.averageCompleteness !== undefined && r.averageCompleteness !== null ? esc(t('completeness.percent', { n: r.averageCompleteness })) : '' }], { testid: 'statistics-table' }) : problem(statistics)}</div>
      <div class="grid2"><div class="panel"><h2><span data-i18n="reports.complaints"></span> · ${code('dimension', complaintsBy)}</h2>${ok(complaints) ? table(complaints.json, [
        { title: 'col.key', render: r => groupKey(complaintsBy, r.key) }, { title: 'col.filed', render: r => figure(r.filed, dr(r, 'filed'), null) },
        { title: 'col.resolved', render: r => figure(r.resolved, dr(r, 'resolved'), null) },
        { title: 'col.breached', render: r => figure(r.breached, dr(r, 'breached'), null) },
        { title: 'col.median', render: r => number(r.medianHoursToResolve) }, { title: 'col.satisfaction', render: r => number(r.averageSatisfaction) }], { testid: 'complaints-table' }) : problem(complaints)}</div>
      <div class="panel"><h2 data-i18n="reports.referrals"></h2>${ok(referrals) ? table(referrals.json.slice(0, 20), [{ title: 'col.name', render: customerLink },
        { title: 'col.referred', render: r => figure(r.referred, dr(r, 'referred'), null) }, { title: 'col.amount', render: r => totals(r.totals) }]) : problem(referrals)}</div></div>
      <div class="panel"><h2 data-i18n="reports.membership"></h2>${ok(membership) ? table(membership.json.tiers, [{ title: 'col.tier', render: r => code('cardTier', r.tier) },
        ...['issued', 'renewed', 'reportedLost', 'reissued', 'cancelled', 'expired'].map(k => ({ title: 'col.' + k, render: r => figure(r[k], dr(r, k), null) })),
        { title: 'col.fees', render: r => totals(r.totals) }], { testid: 'membership-table' }) : problem(membership)}</div>`;
    translate(main);
    wirePeriodForm('/reports');
    if (window.echarts && ok(lifecycle)) {
      echarts.init(document.getElementById('lifecycle')).setOption({ animation: false, tooltip: {}, series: [{ type: 'pie', radius: ['35%', '65%'],
        data: stageRows.map(s => ({ name: t('stage.' + s.stage), value: s.count })) }] });
    }
    document.getElementById('freeze').addEventListener('click', async () => {
      const out = document.getElementById('frozen');
      // each report frozen with its own parameters: the grouping of statistics, the dimension of the complaint analysis
      const parametersOf = report => report === 'lifecycle' ? { asOf: endOf(to), ownerId: owner || undefined, knownAt: knownAt || undefined }
        : report === 'value' ? { top: '20', ownerId: owner || undefined, knownAt: knownAt || undefined }
        : { from: instant(from), to: endOf(to), knownAt: knownAt || undefined,
            by: report === 'statistics' ? by : report === 'complaints' ? complaintsBy : undefined };
      const frozen = await Promise.all(names.map(report => query('/api/reports/snapshots', { method: 'POST', body: { report, parameters: parametersOf(report) } })));
      // until the snapshots endpoint exists a manager meets 404 (or the catch-all's 403): say so once, calmly
      if (frozen.some(answer => answer.status === 404 || answer.status === 405 || (answer.status === 403 && has('MANAGER')))) { out.innerHTML = `<span class="muted" data-testid="freeze-missing">${esc(t('reports.freezeMissing'))}</span>`; return; }
      out.innerHTML = frozen.map((answer, i) => ok(answer) && answer.json ? `${esc(t('reports.' + names[i]))} · ${esc(t('reports.frozen'))}
        <a href="/api/reports/snapshots/${encodeURIComponent(answer.json.id)}" target="_blank" rel="noopener">${val(answer.json.id)}</a>
        (<a href="/api/reports/snapshots/${encodeURIComponent(answer.json.id)}/verify" target="_blank" rel="noopener">${esc(t('reports.frozenVerify'))}</a>)` : problem(answer)).join('<br>');
    });
  }

  // ---------------------------------------------------------------- receivables by age (应收账款账龄)
  const RECEIVABLES_BY = ['owner', 'team', 'branch', 'customer'];
  /** A row's key in words: the customer by its name (it opens), a team or branch by its name, an owner as it is. */
  function receivableKey(by, row) {
    if (!row.key) return esc(t('ageing.all'));
    if (by === 'customer') return `<a href="#/customer/${esc(row.key)}">${val(row.name || row.key)}</a>`;
    if ((by === 'team' || by === 'branch') && row.name) return `${val(row.name)} <span class="muted">${val(row.key)}</span>`;
    return val(row.key);
  }
  /** The key as a chart's axis label (plain text). */
  const receivableLabel = row => row.name || row.key || t('ageing.all');

  /**
   * Open receivables at a business day's end (now when empty) by owner, team, branch or customer, aged: one row per key
   * and currency, every figure opening the shipments behind it; one stacked chart per currency, never two mixed.
   */
  async function receivables(params) {
    const token = current;
    const form = new URLSearchParams(params);
    const by = RECEIVABLES_BY.includes(form.get('by')) ? form.get('by') : 'owner';
    const asOf = form.get('asOf') || '';
    const unit = form.get('unit') || '';
    const asked = new URLSearchParams({ by });
    // a day picked is the report at its last moment (its business day still), today is now
    if (asOf && asOf < today()) asked.set('asOf', new Date(Date.parse(endOf(asOf)) - 1000).toISOString());
    if (form.get('knownAt')) asked.set('knownAt', instant(form.get('knownAt')));
    if (unit) asked.set('unit', unit);
    const answer = await query('/api/reports/receivables?' + asked);
    if (token !== current) return;
    const report = ok(answer) ? answer.json : null;
    const currencies = report ? [...new Set(report.items.map(row => row.currency))].sort() : [];
    const cell = (row, name) => `<span data-figure="${name}" data-key="${esc(row.key || '')}" data-currency="${esc(row.currency)}">${figure(amountText(row[name], row.currency), row.drill ? row.drill[name] : null, null)}</span>`;
    const columns = [{ title: 'col.key', render: row => receivableKey(by, row) }, { title: 'form.currency', render: row => val(row.currency) },
      ...AGEING.map(bucket => ({ title: 'ageing.' + bucket, render: row => cell(row, bucket) })),
      { title: 'ageing.total', render: row => `<strong>${cell(row, 'total')}</strong>` },
      { title: 'ageing.customers', render: row => number(row.customers) },
      { title: 'ageing.shipped', titleArgs: { days: report ? report.dsoDays : 90 }, render: row => money(row.shipped, row.currency) },
      { title: 'ageing.dso', render: row => `<span data-testid="dso" data-key="${esc(row.key || '')}" data-currency="${esc(row.currency)}">${row.dso === undefined || row.dso === null ? '—' : number(row.dso)}</span>` }];
    const rowAttributes = row => `data-key="${esc(row.key || '')}" data-currency="${esc(row.currency)}"`;
    main.innerHTML = `<h1 data-i18n="ageing.title"></h1>
      <form class="inline controls" id="ageing-form">
        <label><span data-i18n="reports.by"></span><select name="by" data-testid="ageing-by">${RECEIVABLES_BY.map(b => `<option value="${b}" ${b === by ? 'selected' : ''}>${code('dimension', b)}</option>`).join('')}</select></label>
        <label><span data-i18n="ageing.asOf"></span><input type="date" name="asOf" value="${esc(asOf)}" max="${today()}" data-testid="ageing-as-of"></label>
        <label><span data-i18n="reports.knownAt"></span><input type="datetime-local" name="knownAt" value="${esc(form.get('knownAt'))}" data-testid="known-at"></label>
        <label><span data-i18n="ageing.unit"></span><input name="unit" value="${esc(unit)}" data-testid="ageing-unit"></label>
        <button class="primary" type="submit" data-i18n="period.apply" data-testid="ageing-apply"></button></form>
      ${report ? `<p class="muted" data-testid="ageing-note">${esc(t('ageing.note', { day: strip(asOf && asOf < today() ? date(asOf) : date(today())), days: report.dsoDays }))}</p>
        <div class="panel"><h2 data-i18n="ageing.summary"></h2>${table(report.summary, columns, { testid: 'ageing-summary', empty: t('ageing.none'), rowAttributes })}</div>
        <div class="panel"><h2>${esc(t('ageing.rows'))} · ${code('dimension', by)}</h2>${table(report.items, columns, { testid: 'ageing-table', empty: t('ageing.none'), rowAttributes })}</div>
        ${currencies.map(currency => `<div class="panel"><h2>${esc(t('ageing.chart', { currency: currencyName(currency) }))}</h2>
          <div class="chart" data-testid="ageing-chart" data-currency="${esc(currency)}" role="img" aria-label="${esc(t('ageing.chart', { currency: currencyName(currency) }))}"></div></div>`).join('')}`
        : `<div class="panel">${problem(answer)}</div>`}`;
    translate(main);
    document.getElementById('ageing-form').addEventListener('submit', event => {
      event.preventDefault();
      const f = new URLSearchParams(new FormData(event.target));
      [...f.keys()].forEach(k => { if (!f.get(k)) f.delete(k); });
      location.hash = '#/receivables?' + f;
    });
    if (!report || !window.echarts) return;
    currencies.forEach(currency => {
      // the 20 largest keys of the currency, largest first; a bar opens what is behind it
      const rows = report.items.filter(row => row.currency === currency).slice(0, 20);
      const chart = echarts.init(main.querySelector(`[data-testid=ageing-chart][data-currency="${currency}"]`));
      chart.setOption({ animation: false, tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } }, legend: { top: 0 },
        grid: { left: 80, right: 20, top: 40, bottom: 60 },
        xAxis: { type: 'category', data: rows.map(receivableLabel), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
        yAxis: { type: 'value', name: currency },
        series: AGEING.map(bucket => ({ name: t('ageing.' + bucket), type: 'bar', stack: 'open', barMaxWidth: 48, data: rows.map(row => Number(row[bucket])) })) });
      chart.on('click', picked => {
        const link = rows[picked.dataIndex] && rows[picked.dataIndex].drill ? rows[picked.dataIndex].drill[AGEING[picked.seriesIndex]] : null;
        if (link) location.hash = '#/drill?u=' + encodeURIComponent(link);
      });
    });
  }

  // ---------------------------------------------------------------- the route card (客户卡运用及管理)
  const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
  const LEADS = ['TEAM_LEAD', 'BRANCH_MANAGER', 'HEAD'];
  /** The catalogue as last read: names of products and trade types in the user's language. */
  let catalogue = { products: [], tradeTypes: [] };
  async function readCatalogue() {
    const answer = await query('/api/catalogue');
    if (ok(answer) && answer.json) catalogue = answer.json;
    return catalogue;
  }
  /** A product or trade type by the name the catalogue gives it in the user's language (its code when unknown). */
  const nameOf = item => item ? (lang === 'en' ? item.nameEn || item.nameZh : item.nameZh || item.nameEn) : '';
  const productText = (sku, products) => nameOf((products || catalogue.products || []).find(p => p.sku === sku)) || sku || '';
  const productName = (sku, products) => val(productText(sku, products));
  const tradeTypeName = code => code ? val(nameOf((catalogue.tradeTypes || []).find(type => type.code === code)) || code) : '';

  /** The ISO week (2026-W49) that holds a business day (2026-12-03). */
  function isoWeek(isoDay) {
    const day = new Date(isoDay + 'T00:00:00Z');
    const thursday = new Date(day.getTime() + (3 - (day.getUTCDay() + 6) % 7) * 86400000);
    const year = thursday.getUTCFullYear();
    const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * 86400000));
    return `${year}-W${String(week).padStart(2, '0')}`;
  }
  const validWeek = week => /^\d{4}-W\d{2}$/.test(week || '');
  const weekOf = form => validWeek(form.get('week')) ? form.get('week') : isoWeek(today());
  /** Its week of the four-week visit cycle (访周次), as the server counts it. */
  const cycleOf = week => (Number(week.substring(6)) - 1) % 4 + 1;
  /** A week as people say it: "week 49 of 2026" (2026年第49周). */
  const weekText = week => t('week.label', { year: week.substring(0, 4), week: Number(week.substring(6)) });
  const weekShort = week => t('week.short', { week: Number(week.substring(6)) });
  const weekdayText = weekday => weekday ? t('weekday.' + weekday) : '';
  const visitWeeksText = weeks => (weeks || []).join('、');
  /** A per-cent figure with its one decimal ("50.0%"), a dash when there is nothing to divide by. */
  const percent = value => value === null || value === undefined ? '—' : esc(Number(value).toFixed(1) + '%');

  /** Whether the user may write remarks and place outlets on routes: as command-side decides it (OrgScopes.leads). */
  async function leads() {
    if (has('ADMIN')) return true;
    if (!has('MANAGER', 'SALES')) return false;
    if (session.leads === undefined) {
      const member = await query(`/api/org/members/${encodeURIComponent(session.user)}`);
      const place = ok(member) && member.json ? (member.json.placements || []).find(p => !p.to) : null;
      session.leads = place ? LEADS.includes(place.position) : has('MANAGER');
    }
    return session.leads;
  }

  /** The three pages of the route card, one a tab. */
  const routeTabs = (active, week, no) => `<nav class="tabs no-print" aria-label="${esc(t('nav.routes'))}" data-testid="route-tabs">
    ${[['route', `#/route?week=${week}${no ? '&no=' + encodeURIComponent(no) : ''}`, 'route.card'], ['route-week', `#/route-week?week=${week}`, 'routeWeek.title'],
      ['distribution', '#/distribution', 'distribution.title']].map(([key, href, label]) =>
      `<a href="${esc(href)}" class="${key === active ? 'active' : ''}" data-testid="tab-${key}">${esc(t(label))}</a>`).join('')}</nav>`;

  /** A week picker (<input type=week>) and what else the page asks; its values become the route's query. */
  function weekForm(id, week, extra = '') {
    return `<form class="inline controls no-print" id="${id}">${extra}
      <label><span>${esc(t('week.pick'))}</span><input type="week" name="week" value="${esc(week)}" required data-testid="week"></label>
      <button class="primary" type="submit" data-testid="week-apply">${esc(t('period.apply'))}</button></form>`;
  }
  function wireQueryForm(id, path) {
    document.getElementById(id).addEventListener('submit', event => {
      event.preventDefault();
      const f = new URLSearchParams(new FormData(event.target));
      [...f.keys()].forEach(k => { if (!f.get(k).trim()) f.delete(k); });
      location.hash = '#' + path + '?' + f;
    });
  }

  /** The routes the user sees (those with outlets now, from the distribution report by route), each opening its card. */
  async function routeIndex(week) {
    const token = current;
    const answer = await query('/api/reports/distribution?by=route');
    if (token !== current) return;
    const routes = new Map();
    if (ok(answer)) answer.json.items.forEach(row => { if (!routes.has(row.key)) routes.set(row.key, row); });
    main.innerHTML = `<h1>${esc(t('route.card'))}</h1>${routeTabs('route', week)}
      ${weekForm('route-form', week, `<label><span>${esc(t('route.no'))}</span><input name="no" required maxlength="50" data-testid="route-no"></label>`)}
      <div class="panel"><h2>${esc(t('route.list'))}</h2>${ok(answer) ? table([...routes.values()], [
        { title: 'route.no', render: r => `<a href="#/route?no=${encodeURIComponent(r.key)}&week=${week}" data-testid="route-link">${val(r.key)}</a>` },
        { title: 'route.branch', key: 'branch' }, { title: 'route.outlets', render: r => number(r.outlets) }],
        { testid: 'route-list', empty: t('route.none') }) : problem(answer)}</div>`;
    wireQueryForm('route-form', '/route');
  }

  /** What the outlet's checks of one week record of one product: the last stock, what was delivered and sold in all. */
  function weekFigures(outlet, week, sku) {
    const lines = (outlet.checks || []).filter(check => check.week === week)
      .sort((a, b) => String(a.at).localeCompare(String(b.at)))
      .flatMap(check => (check.lines || []).filter(line => line.sku === sku));
    if (!lines.length) return null;
    const sum = key => lines.some(line => line[key] !== null && line[key] !== undefined)
      ? lines.reduce((total, line) => total + Number(line[key] || 0), 0) : null;
    return { stock: lines[lines.length - 1].stock, delivered: sum('delivered'), sold: sum('sold'), merchandised: lines.some(line => line.merchandised) };
  }

  /**
   * The route card as the seed's paper form: its header (所别 · 路号 · 访周次), then a block per outlet in route order —
   * 序号, 客户编号, 客户名称, 业种, 访周次, 客户分级 — with a line per product and, per visit week, the store check's
   * 存 (stock), 进 (delivered) and 销 (sold).
   */
  function cardSheet(card, week) {
    const products = card.products || [];
    const weeks = card.weeks || [];
    const owners = [...new Set((card.outlets || []).map(o => o.ownerId).filter(Boolean))];
    const head = (label, value, testid) => `<div><span class="muted">${esc(t(label))}</span> <strong data-testid="${testid}">${value || '—'}</strong></div>`;
    const outletBlock = outlet => {
      const rows = products.length ? products : [null];
      return `<tbody class="outlet" data-testid="card-outlet" data-sequence="${esc(outlet.sequence)}" data-customer="${esc(outlet.customerId)}">${rows.map((product, i) => `<tr data-testid="card-line" data-sequence="${esc(outlet.sequence)}" data-sku="${esc(product ? product.sku : '')}">
        ${i === 0 ? `<td rowspan="${rows.length}" class="num" data-field="sequence">${esc(outlet.sequence)}</td>
          <td rowspan="${rows.length}" data-field="code">${val(outlet.code)}</td>
          <td rowspan="${rows.length}" data-field="name"><a href="#/customer/${esc(outlet.customerId)}">${val(outlet.name)}</a></td>
          <td rowspan="${rows.length}" data-field="tradeType">${val(lang === 'en' ? outlet.tradeTypeNameEn || outlet.tradeTypeNameZh : outlet.tradeTypeNameZh || outlet.tradeTypeNameEn) || tradeTypeName(outlet.tradeType)}</td>
          <td rowspan="${rows.length}" data-field="visitWeeks">${esc(visitWeeksText(outlet.visitWeeks))}<br><span class="muted">${esc(weekdayText(outlet.weekday))}</span></td>
          <td rowspan="${rows.length}" class="center" data-field="grade">${esc(outlet.grade)}</td>` : ''}
        <th scope="row" class="sku">${product ? productName(product.sku, products) : ''}</th>
        ${weeks.map(w => {
          const f = product ? weekFigures(outlet, w, product.sku) : null;
          return `<td class="num week-start${f && f.merchandised ? ' merchandised' : ''}" data-week="${esc(w)}" data-figure="stock">${f ? number(f.stock) : ''}${f && f.merchandised ? '<sup title="' + esc(t('check.merchandised')) + '">*</sup>' : ''}</td>`
            + `<td class="num" data-week="${esc(w)}" data-figure="delivered">${f && f.delivered !== null ? number(f.delivered) : ''}</td>`
            + `<td class="num sold" data-week="${esc(w)}" data-figure="sold">${f && f.sold !== null ? number(f.sold) : ''}</td>`;
        }).join('')}</tr>`).join('')}</tbody>`;
    };
    return `<section class="sheet" data-testid="route-card">
      <h2 class="sheet-title">${esc(t('route.sheetTitle'))}</h2>
      <div class="sheet-head">${head('route.branch', val(card.branch), 'card-branch')}${head('route.no', val(card.routeNo), 'card-route')}
        ${head('route.cycleWeek', esc(t('route.cycleOf', { week: cycleOf(week) })), 'card-cycle')}
        ${head('route.weeks', weeks.length ? esc(weekShort(weeks[0]) + ' – ' + weekShort(weeks[weeks.length - 1]) + ' · ' + weeks[0].substring(0, 4)) : '', 'card-weeks')}
        ${head('route.reps', val(owners.join('、')), 'card-reps')}${head('route.printed', date(today()), 'card-printed')}</div>
      ${(card.outlets || []).length ? `<table class="grid" data-testid="card-grid"><thead>
        <tr><th rowspan="2">${esc(t('route.sequence'))}</th><th rowspan="2">${esc(t('route.code'))}</th><th rowspan="2">${esc(t('route.outlet'))}</th>
          <th rowspan="2">${esc(t('route.tradeType'))}</th><th rowspan="2">${esc(t('route.visitWeeks'))}</th><th rowspan="2">${esc(t('route.grade'))}</th>
          <th rowspan="2">${esc(t('route.product'))}</th>
          ${weeks.map((w, i) => `<th colspan="3" class="week-start" data-week="${esc(w)}">${esc(weekShort(w))}<br><span class="muted">${esc(t('route.cycleOf', { week: (card.cycleWeeks || [])[i] ?? cycleOf(w) }))}</span></th>`).join('')}</tr>
        <tr>${weeks.map(() => `<th class="week-start">${esc(t('check.stockShort'))}</th><th>${esc(t('check.deliveredShort'))}</th><th>${esc(t('check.soldShort'))}</th>`).join('')}</tr></thead>
        ${card.outlets.map(outletBlock).join('')}</table>
        <p class="muted legend">${esc(t('route.legend'))}</p>` : `<p class="empty" data-testid="empty">${esc(t('route.noOutlets'))}</p>`}</section>`;
  }

  /** Who is due on the route in the week (its week of the cycle), on which day, and whether they were visited. */
  function planPanel(plan) {
    // in the order of the week's days, the route's order within a day
    const due = [...(plan.due || [])].sort((a, b) => a.date.localeCompare(b.date) || a.sequence - b.sequence);
    const visited = due.filter(d => d.visited).length;
    return `<div class="panel plan" data-testid="plan"><h2>${esc(t('plan.title'))}</h2>
      <p data-testid="plan-summary">${esc(t('plan.summary', { week: weekText(plan.week), from: strip(date(plan.from)), to: strip(date(plan.to)), cycle: plan.cycleWeek, due: due.length, visited }))}</p>
      ${table(due, [{ title: 'plan.day', render: d => `${date(d.date)} <span class="muted">${esc(weekdayText(WEEKDAYS[(new Date(d.date + 'T00:00:00Z').getUTCDay() + 6) % 7]))}</span>` },
        { title: 'route.sequence', render: d => esc(d.sequence) }, { title: 'route.outlet', render: customerLink },
        { title: 'col.owner', key: 'ownerId' }, { title: 'route.tradeType', render: d => tradeTypeName(d.tradeType) },
        { title: 'plan.visited', render: d => d.visited ? `<span class="badge visited">${esc(t('plan.yes'))}</span>` : `<span class="badge URGENT">${esc(t('plan.no'))}</span>` }],
        { testid: 'plan-table', empty: t('plan.nobody'), rowAttributes: d => `data-testid="plan-row" data-sequence="${esc(d.sequence)}" data-visited="${d.visited}"` })}</div>`;
  }

  /** #/route?no=&week=: the printable route card of four weeks up to the one picked, and the plan of that week. */
  async function routeCard(params) {
    const token = current;
    const form = new URLSearchParams(params);
    const week = weekOf(form);
    const no = (form.get('no') || '').trim();
    if (!no) return routeIndex(week);
    const path = `/api/routes/${encodeURIComponent(no)}`;
    const [card, plan] = await Promise.all([query(`${path}/card?week=${week}&weeks=4`), query(`${path}/plan?week=${week}`), readCatalogue()]);
    if (token !== current) return;
    main.innerHTML = `<h1 class="no-print">${esc(t('route.card'))} · ${val(no)}</h1>${routeTabs('route', week, no)}
      ${weekForm('route-form', week, `<label><span>${esc(t('route.no'))}</span><input name="no" value="${esc(no)}" required maxlength="50" data-testid="route-no"></label>`)}
      <p class="no-print"><button type="button" id="print" data-testid="print">${esc(t('route.print'))}</button>
        <span class="muted">${esc(t('route.printHint'))}</span></p>
      <div class="panel sheet-panel">${ok(card) ? cardSheet(card.json, week) : problem(card)}</div>
      ${ok(plan) ? planPanel(plan.json) : `<div class="panel">${problem(plan)}</div>`}`;
    wireQueryForm('route-form', '/route');
    document.getElementById('print').addEventListener('click', () => window.print());
  }

  /** #/route-week?week=: the rep's weekly report as the seed's form (业务周报), and plan adherence, every count opening its outlets. */
  async function routeWeek(params) {
    const token = current;
    const week = weekOf(new URLSearchParams(params));
    const [weekly, adherence] = await Promise.all([query(`/api/reports/route-week?week=${week}`), query(`/api/reports/plan-adherence?week=${week}`)]);
    if (token !== current) return;
    const products = ok(weekly) ? weekly.json.products || [] : [];
    const count = (row, name) => `<span data-figure="${name}">${figure(row[name], row.drill ? row.drill[name] : null, null)}</span>`;
    const routeCell = row => `<a href="#/route?no=${encodeURIComponent(row.routeNo)}&week=${week}" class="nowrap">${val(row.routeNo)}</a>`;
    const who = [{ title: 'route.no', render: routeCell }, { title: 'route.branch', key: 'branch' }, { title: 'routeWeek.rep', key: 'rep' }];
    const rowAttributes = row => `data-route="${esc(row.routeNo)}" data-rep="${esc(row.rep)}"`;
    main.innerHTML = `<h1>${esc(t('routeWeek.title'))}</h1>${routeTabs('route-week', week)}${weekForm('week-form', week)}
      <p class="muted" data-testid="week-note">${esc(t('routeWeek.note', { week: weekText(week), cycle: cycleOf(week) }))}${ok(weekly) ? ' ' + esc(t('routeWeek.span', { from: strip(date(day(new Date(weekly.json.from)))), to: strip(date(day(new Date(Date.parse(weekly.json.to) - 1)))) })) : ''}</p>
      <div class="panel"><h2>${esc(t('routeWeek.form'))}</h2>${ok(weekly) ? table(weekly.json.items, [...who,
        ...products.map(p => ({ titleHtml: phrase('routeWeek.cases', { product: productName(p.sku, products) }), render: row => `<span data-figure="cases" data-sku="${esc(p.sku)}">${number((row.cases || {})[p.sku] ?? 0)}</span>` })),
        { title: 'routeWeek.visited', render: row => count(row, 'visited') }, { title: 'routeWeek.buyers', render: row => count(row, 'buyers') },
        { title: 'routeWeek.newOutlets', render: row => count(row, 'newOutlets') }, { title: 'routeWeek.merchandised', render: row => count(row, 'merchandised') },
        { title: 'routeWeek.closeRate', render: row => `<span data-figure="closeRate">${percent(row.closeRate)}</span>` }],
        { testid: 'week-table', empty: t('routeWeek.none'), rowAttributes: row => `data-testid="week-row" ${rowAttributes(row)}` })
        + `<p><button type="button" id="week-csv" data-testid="week-csv">${esc(t('search.csv'))}</button></p>` : problem(weekly)}</div>
      ${ok(weekly) && weekly.json.items.length ? `<div class="panel"><h2>${esc(t('routeWeek.sellOut'))}</h2>${table(weekly.json.items, [...who,
        ...products.map(p => ({ titleHtml: phrase('routeWeek.sold', { product: productName(p.sku, products) }), render: row => `<span data-figure="sellOut" data-sku="${esc(p.sku)}">${number((row.sellOut || {})[p.sku] ?? 0)}</span>` }))],
        { testid: 'sell-out-table', rowAttributes: row => `data-testid="sell-out-row" ${rowAttributes(row)}` })}</div>` : ''}
      <div class="panel"><h2>${esc(t('adherence.title'))}</h2>${ok(adherence) ? `<p class="muted">${esc(t('adherence.note', { cycle: adherence.json.cycleWeek }))}</p>`
        + table(adherence.json.items, [...who, { title: 'adherence.due', render: row => count(row, 'due') }, { title: 'adherence.made', render: row => count(row, 'made') },
          { title: 'adherence.missed', render: row => count(row, 'missed') }, { title: 'adherence.offPlan', render: row => count(row, 'offPlan') },
          { title: 'adherence.rate', render: row => `<span data-figure="adherence">${percent(row.adherence)}</span>` }],
          { testid: 'adherence-table', empty: t('routeWeek.none'), rowAttributes: row => `data-testid="adherence-row" ${rowAttributes(row)}` })
        + `<p><button type="button" id="adherence-csv" data-testid="adherence-csv">${esc(t('search.csv'))}</button></p>` : problem(adherence)}</div>`;
    wireQueryForm('week-form', '/route-week');
    document.getElementById('week-csv')?.addEventListener('click', () => download(`/api/reports/route-week?week=${week}`, `route-week-${week}.csv`));
    document.getElementById('adherence-csv')?.addEventListener('click', () => download(`/api/reports/plan-adherence?week=${week}`, `plan-adherence-${week}.csv`));
  }

  /**
   * #/distribution?asOf=&by=&year=: the distribution rate (铺市率) per product per route or branch at a day's end, as a
   * bar chart and as a table whose figures open the outlets; the outlets per trade type (业种) by month of a year.
   */
  async function distribution(params) {
    const token = current;
    const form = new URLSearchParams(params);
    const by = form.get('by') === 'branch' ? 'branch' : 'route';
    const asOf = /^\d{4}-\d{2}-\d{2}$/.test(form.get('asOf') || '') ? form.get('asOf') : '';
    const year = /^\d{4}$/.test(form.get('year') || '') ? form.get('year') : today().substring(0, 4);
    const asked = new URLSearchParams({ by });
    // a day picked is the report at its last moment (its business day still), today is now
    if (asOf && asOf < today()) asked.set('asOf', new Date(Date.parse(endOf(asOf)) - 1000).toISOString());
    const [report, types] = await Promise.all([query('/api/reports/distribution?' + asked), query(`/api/reports/trade-types?year=${year}`)]);
    if (token !== current) return;
    const products = ok(report) ? report.json.products || [] : [];
    const rows = [];
    if (ok(report)) {
      const byKey = new Map();
      report.json.items.forEach(item => {
        if (!byKey.has(item.key)) { byKey.set(item.key, { key: item.key, branch: item.branch, outlets: item.outlets, drill: item.drill, skus: {} }); rows.push(byKey.get(item.key)); }
        byKey.get(item.key).skus[item.sku] = item;
      });
    }
    const keyCell = row => by === 'route' ? `<a href="#/route?no=${encodeURIComponent(row.key)}">${val(row.key)}</a>` : val(row.key);
    const months = ok(types) ? [...new Set(types.json.items.flatMap(item => Object.keys(item.months || {})))].sort() : [];
    const monthName = month => new Intl.DateTimeFormat(lang, { month: 'short', timeZone: 'UTC' }).format(new Date(month + '-01T00:00:00Z'));
    main.innerHTML = `<h1>${esc(t('distribution.title'))}</h1>${routeTabs('distribution', isoWeek(today()))}
      <form class="inline controls" id="distribution-form" data-testid="distribution-form">
        <label><span>${esc(t('reports.by'))}</span><select name="by" data-testid="distribution-by">${['route', 'branch'].map(b => `<option value="${b}" ${b === by ? 'selected' : ''}>${esc(t('distribution.by.' + b))}</option>`).join('')}</select></label>
        <label><span>${esc(t('distribution.asOf'))}</span><input type="date" name="asOf" value="${esc(asOf)}" max="${today()}" data-testid="distribution-as-of"></label>
        <label><span>${esc(t('tradeTypes.year'))}</span><input type="number" name="year" value="${esc(year)}" min="2000" max="2100" data-testid="trade-types-year"></label>
        <button class="primary" type="submit" data-testid="distribution-apply">${esc(t('period.apply'))}</button></form>
      ${ok(report) ? `<p class="muted" data-testid="distribution-note">${esc(t('distribution.note', { day: strip(date(asOf && asOf < today() ? asOf : today())) }))}</p>
        <div class="panel"><h2>${esc(t('distribution.chart'))}</h2>${rows.length ? `<div class="chart" id="distribution-chart" data-testid="distribution-chart" role="img" aria-label="${esc(t('distribution.chart'))}"></div>` : ''}
        ${table(rows, [{ title: by === 'route' ? 'route.no' : 'route.branch', render: keyCell },
          ...(by === 'route' ? [{ title: 'route.branch', key: 'branch' }] : []),
          { title: 'route.outlets', render: row => `<span data-figure="outlets">${figure(row.outlets, row.drill ? row.drill.outlets : null, null)}</span>` },
          ...products.map(p => ({ titleHtml: phrase('distribution.rateOf', { product: productName(p.sku, products) }), render: row => {
            const item = row.skus[p.sku];
            return item ? `<span data-sku="${esc(p.sku)}"><strong data-figure="rate">${percent(item.rate)}</strong> <span class="muted">(<span data-figure="distributed">${figure(item.distributed, item.drill ? item.drill.distributed : null, null)}</span>/${number(item.outlets)})</span></span>` : '';
          } }))], { testid: 'distribution-table', empty: t('distribution.none'), rowAttributes: row => `data-testid="distribution-row" data-key="${esc(row.key)}"` })}
        <p><button type="button" id="distribution-csv" data-testid="distribution-csv">${esc(t('search.csv'))}</button></p></div>` : `<div class="panel">${problem(report)}</div>`}
      <div class="panel"><h2>${esc(t('tradeTypes.title', { year }))}</h2>${ok(types) ? table(types.json.items, [{ title: 'tradeTypes.code', key: 'code' },
        { title: 'route.tradeType', render: row => val(nameOf(row) || row.code) }, { title: 'tradeTypes.channel', render: row => row.channel ? esc(t('channel.' + row.channel)) : '' },
        ...months.map(month => ({ title: 'tradeTypes.month', titleArgs: { month: monthName(month) }, render: row => `<span data-month="${esc(month)}">${figure((row.months || {})[month] ?? 0, row.drill ? row.drill[month] : null, null)}</span>` })),
        { title: 'tradeTypes.total', render: row => `<strong data-figure="total">${figure(row.total, row.drill ? row.drill.total : null, null)}</strong>` }],
        { testid: 'trade-types-table', rowAttributes: row => `data-testid="trade-type-row" data-code="${esc(row.code)}"` })
        + `<p><button type="button" id="trade-types-csv" data-testid="trade-types-csv">${esc(t('search.csv'))}</button></p>` : problem(types)}</div>`;
    document.getElementById('distribution-form').addEventListener('submit', event => {
      event.preventDefault();
      const f = new URLSearchParams(new FormData(event.target));
      [...f.keys()].forEach(k => { if (!f.get(k)) f.delete(k); });
      location.hash = '#/distribution?' + f;
    });
    document.getElementById('distribution-csv')?.addEventListener('click', () => download('/api/reports/distribution?' + asked, `distribution-${by}.csv`));
    document.getElementById('trade-types-csv')?.addEventListener('click', () => download(`/api/reports/trade-types?year=${year}`, `trade-types-${year}.csv`));
    const node = document.getElementById('distribution-chart');
    if (!node || !window.echarts) return;
    // a bar per route (the 12 first) in each product's group; a bar opens the outlets that hold the product
    const shown = rows.slice(0, 12);
    const chart = echarts.init(node);
    chart.setOption({ animation: false, tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: v => v === null || v === undefined ? '—' : Number(v).toFixed(1) + '%' },
      legend: { top: 0, type: 'scroll' }, grid: { left: 50, right: 20, top: 40, bottom: 50 },
      xAxis: { type: 'category', data: products.map(p => productText(p.sku, products)), axisLabel: { interval: 0, rotate: products.length > 6 ? 20 : 0 } },
      yAxis: { type: 'value', min: 0, max: 100, name: '%' },
      series: shown.map(row => ({ name: row.key, type: 'bar', barMaxWidth: 28,
        data: products.map(p => row.skus[p.sku] && row.skus[p.sku].rate !== null && row.skus[p.sku].rate !== undefined ? Number(row.skus[p.sku].rate) : 0) })) });
    chart.on('click', picked => {
      const item = shown[picked.seriesIndex] ? shown[picked.seriesIndex].skus[products[picked.dataIndex].sku] : null;
      if (item && item.drill && item.drill.distributed) location.hash = '#/drill?u=' + encodeURIComponent(item.drill.distributed);
    });
  }

  // ---------------------------------------------------------------- the route card on the customer's page
  /** The outlet's place on its route in words: branch · route · sequence · visit weeks · weekday. */
  const routeText = route => route ? `${route.branch ? val(route.branch) + ' · ' : ''}<a href="#/route?no=${encodeURIComponent(route.routeNo)}" data-testid="customer-route-link">${val(route.routeNo)}</a>`
    + ` · ${esc(t('route.sequenceOf', { n: route.sequence }))} · ${esc(t('route.visitWeeksOf', { weeks: visitWeeksText(route.visitWeeks) }))} · ${esc(weekdayText(route.weekday))}` : '';

  /** A store check's lines in words: product 存 9 · 进 24 · 销 21. */
  const checkText = lines => (lines || []).map(line => `${productName(line.sku)} ${esc(t('check.stockShort'))} ${number(line.stock)}`
    + (line.delivered !== null && line.delivered !== undefined ? ` · ${esc(t('check.deliveredShort'))} ${number(line.delivered)}` : '')
    + (line.sold !== null && line.sold !== undefined ? ` · ${esc(t('check.soldShort'))} ${number(line.sold)}` : '')
    + (line.merchandised ? ` · ${esc(t('check.merchandised'))}` : '')
    + (line.correctionReason ? ` · ${esc(t('check.corrected', { previous: line.previousStock }))}：${val(line.correctionReason)}` : '')).join('<br>');

  /** The team leader's remarks (组长批示): each with its visit, author and time, acknowledged or not; a lead writes one, the owner acknowledges. */
  function remarkPanel(p, events, lead, writer) {
    const remarks = [...(p.remarks || [])].sort((a, b) => b.remarkNo - a.remarkNo);
    if (!remarks.length && !lead && !p.route) return '';
    const visits = events.filter(e => e.type === 'VisitRecorded').sort((a, b) => b.data.visitNo - a.data.visitNo);
    const owner = writer && p.ownerId === session.user;
    return `<div class="panel" data-testid="remarks"><h2>${esc(t('remark.title'))}</h2>
      ${remarks.length ? `<ol class="remarks">${remarks.map(r => `<li data-testid="remark" data-remark="${esc(r.remarkNo)}" data-acknowledged="${r.acknowledged}">
        <div><strong>${esc(t('remark.no', { no: r.remarkNo }))}</strong> · ${r.visitNo ? esc(t('remark.aboutVisit', { no: r.visitNo })) : esc(t('remark.aboutCard'))}
          · ${val(r.by)} · ${time(r.at)}
          ${r.acknowledged ? `<span class="badge" data-testid="remark-state">${esc(t('remark.acknowledged'))}</span>`
            : `<span class="badge URGENT" data-testid="remark-state">${esc(t('remark.open'))}</span>`}</div>
        <div class="remark-text" data-testid="remark-text">${val(r.text)}</div>
        ${!r.acknowledged && owner ? `<button type="button" data-acknowledge="${esc(r.remarkNo)}" data-testid="acknowledge">${esc(t('remark.acknowledge'))}</button>` : ''}</li>`).join('')}</ol>`
        : `<p class="empty">${esc(t('remark.none'))}</p>`}
      ${lead ? `<form class="step-form" id="remark-form" data-testid="remark-form"><h3>${esc(t('remark.write'))}</h3>
        ${labelled('remark.about', `<select name="visitNo" data-testid="remark-visit"><option value="">${esc(t('remark.aboutCard'))}</option>${visits.map(e =>
          `<option value="${esc(e.data.visitNo)}">${esc(t('remark.aboutVisit', { no: e.data.visitNo }))} · ${esc(strip(time(e.occurredAt)))}</option>`).join('')}</select>`)}
        ${textarea('remark.text', 'text', 'required maxlength="2000" data-testid="remark-input"')}
        <button class="primary" type="submit" data-testid="remark-save">${esc(t('form.save'))}</button><div class="result"></div></form>` : ''}
      <div class="result" id="remark-result"></div></div>`;
  }

  function wireRemarks(id, p) {
    saving(id, p)(document.getElementById('remark-form'), v => command(`/api/customers/${id}/remarks`, { method: 'POST',
      body: clean({ visitNo: v.visitNo ? Number(v.visitNo) : undefined, text: v.text }) }));
    main.querySelectorAll('button[data-acknowledge]').forEach(button => button.addEventListener('click', async () => {
      button.disabled = true;
      const answer = await command(`/api/customers/${id}/remarks/${button.dataset.acknowledge}/acknowledge`, { method: 'POST', body: {} });
      if (!ok(answer)) { button.disabled = false; document.getElementById('remark-result').innerHTML = problem(answer); return; }
      await customer(id, answer.json.version);
      showFlash('remark.done');
    }));
  }

  /** A lead's form: the outlet on a route (所别, 路号, 序号, 访周次, weekday) with its trade type. */
  function routeForm(p) {
    const route = p.route || {};
    const weeks = route.visitWeeks || [];
    return `<form class="panel task" id="route-assign-form" data-testid="route-assign-form"><h2>${esc(t('route.assign'))}</h2>
      <div class="grid3">${input('route.branch', 'branch', `maxlength="100" value="${esc(route.branch)}" data-testid="assign-branch"`)}
      ${input('route.no', 'routeNo', `required maxlength="50" value="${esc(route.routeNo)}" data-testid="assign-route"`)}
      ${input('route.sequence', 'sequence', `type="number" min="1" step="1" required value="${esc(route.sequence)}" data-testid="assign-sequence"`)}</div>
      <fieldset><legend>${esc(t('route.visitWeeks'))}</legend><div class="inline">${[1, 2, 3, 4].map(w => `<label class="check"><input type="checkbox" name="week${w}" value="${w}" ${weeks.includes(w) ? 'checked' : ''} data-testid="assign-week-${w}"><span>${esc(t('route.cycleOf', { week: w }))}</span></label>`).join('')}</div></fieldset>
      <div class="grid3">${labelled('route.weekday', `<select name="weekday" required data-testid="assign-weekday"><option value="">${esc(t('form.choose'))}</option>${WEEKDAYS.map(d => `<option value="${d}" ${d === route.weekday ? 'selected' : ''}>${esc(weekdayText(d))}</option>`).join('')}</select>`)}
      ${labelled('route.tradeType', `<select name="tradeType" data-testid="assign-trade-type"><option value="">${esc(t('form.choose'))}</option>${(catalogue.tradeTypes || []).map(type => `<option value="${esc(type.code)}" ${type.code === p.tradeType ? 'selected' : ''} translate="no">${esc(type.code)} ${esc(nameOf(type))}</option>`).join('')}</select>`)}</div>
      ${saveButton()}</form>`;
  }

  /** The visit form's store check (店头检查): a line per product carried, stock on the shelf, delivered since, merchandised. */
  function storeCheckGrid(p) {
    const products = (catalogue.products || []).filter(product => product.active !== false);
    if (!products.length) return '';
    return `<details class="store-check" data-testid="store-check" ${p.route ? 'open' : ''}><summary>${esc(t('check.title'))}</summary>
      <p class="muted">${esc(t('check.help'))}</p>
      <table class="check-grid"><thead><tr><th>${esc(t('route.product'))}</th><th>${esc(t('check.stock'))}</th><th>${esc(t('check.delivered'))}</th><th>${esc(t('check.merchandised'))}</th></tr></thead>
      <tbody>${products.map(product => `<tr data-check-sku="${esc(product.sku)}"><th scope="row">${productName(product.sku)} <span class="muted">${val(product.unit)}</span></th>
        <td><input type="number" min="0" step="0.01" data-field="stock" aria-label="${esc(t('check.stock'))}" data-testid="check-stock-${esc(product.sku)}"></td>
        <td><input type="number" min="0" step="0.01" data-field="delivered" aria-label="${esc(t('check.delivered'))}" data-testid="check-delivered-${esc(product.sku)}"></td>
        <td><input type="checkbox" data-field="merchandised" aria-label="${esc(t('check.merchandised'))}" data-testid="check-merchandised-${esc(product.sku)}"></td></tr>
        <tr data-correction-for="${esc(product.sku)}" hidden><td colspan="4"><div class="inline">
          ${input('check.correctedPrevious', 'correctedPrevious', `type="number" min="0" step="0.01" data-field="correctedPreviousStock" data-testid="check-corrected-${esc(product.sku)}"`)}
          ${input('check.correctionReason', 'correctionReason', `maxlength="500" data-field="correctionReason" data-testid="check-reason-${esc(product.sku)}"`)}</div></td></tr>`).join('')}</tbody></table></details>`;
  }

  /** The store check's lines as the visit sends them: the products whose stock was counted. */
  function storeCheckLines(form) {
    return [...form.querySelectorAll('tr[data-check-sku]')].map(row => {
      const sku = row.dataset.checkSku;
      const field = (root, name) => root.querySelector(`[data-field="${name}"]`);
      const stock = field(row, 'stock').value;
      if (stock === '') return null;
      const correction = form.querySelector(`tr[data-correction-for="${sku}"]`);
      const corrected = correction && !correction.hidden ? field(correction, 'correctedPreviousStock').value : '';
      return clean({ sku, stock: Number(stock), delivered: field(row, 'delivered').value === '' ? undefined : Number(field(row, 'delivered').value),
        merchandised: field(row, 'merchandised').checked ? true : undefined,
        correctedPreviousStock: corrected === '' ? undefined : Number(corrected),
        correctionReason: corrected === '' ? undefined : field(correction, 'correctionReason').value });
    }).filter(Boolean);
  }

  /** A counted line needs its stock: delivered or merchandised without the stock on the shelf asks for it. */
  function wireStoreCheck(form) {
    form.querySelectorAll('tr[data-check-sku]').forEach(row => row.addEventListener('input', () => {
      const field = name => row.querySelector(`[data-field="${name}"]`);
      field('stock').required = field('delivered').value !== '' || field('merchandised').checked;
    }));
  }

  /** What the visit's answer says per product: sold since the last check and the order it suggests. */
  function suggestedOrders(answer) {
    const lines = answer.json && answer.json.storeCheck ? answer.json.storeCheck : [];
    if (!lines.length) return '';
    return `<div class="panel" data-testid="suggested-order"><h2>${esc(t('check.suggestedTitle'))}</h2>${table(lines, [
      { title: 'route.product', render: line => productName(line.sku) },
      { title: 'check.previous', render: line => line.previousStock === null || line.previousStock === undefined ? '—' : number(line.previousStock) },
      { title: 'check.sold', render: line => line.sold === null || line.sold === undefined ? `<span class="muted">${esc(t('check.firstCheck'))}</span>` : number(line.sold) },
      { title: 'check.suggested', render: line => `<strong data-figure="suggested">${number(line.suggestedOrder)}</strong>` }],
      { rowAttributes: line => `data-testid="suggested-line" data-sku="${esc(line.sku)}"` })}</div>`;
  }

  /** A refused store check: the product's three figures in words, and its line opened for a correction of the last stock. */
  function storeCheckRefused(answer, form) {
    const body = answer.json || {};
    if (body.rule !== 'store-check-inconsistent' || !body.sku) return '';
    const correction = form.querySelector(`tr[data-correction-for="${body.sku}"]`);
    if (correction) {
      correction.hidden = false;
      correction.querySelectorAll('input').forEach(node => { node.required = true; });
    }
    return `<p data-testid="check-inconsistent">${phrase('check.inconsistent', { product: productName(body.sku), previous: number(body.previousStock), delivered: number(body.delivered), stock: number(body.stock) })}</p>`;
  }

  // ---------------------------------------------------------------- review (审核 · 签字 · 编码管理)
  const proposalList = (customerId, proposals, manager) => (proposals || []).map(proposal => `<div class="proposal" data-testid="proposal">
      <ul class="changes">${proposal.changes.map(c => `<li>${fieldLabel(c.field)}：${fieldValue(c.field, c.from)} → ${fieldValue(c.field, c.to)}</li>`).join('')}</ul>
      <span class="muted">${val(proposal.proposedBy)} ${time(proposal.proposedAt)}</span>
      ${manager ? `<button type="button" data-proposal-approve="${esc(proposal.proposalId)}" data-customer="${esc(customerId)}" data-testid="approve-proposal">${esc(t('form.approveProposal'))}</button>
        <button type="button" data-proposal-reject="${esc(proposal.proposalId)}" data-customer="${esc(customerId)}" data-testid="reject-proposal">${esc(t('form.rejectProposal'))}</button>` : ''}</div>`).join('');
  const reasonList = reasons => (reasons || []).length ? `<ul class="changes">${reasons.map(r => `<li>${fieldLabel(r.field)}：${esc(r.message)}</li>`).join('')}</ul>` : '';

  /** What waits on the card: approve or return it (a manager), resubmit it (its rep, a clerk), decide proposed changes. */
  function reviewPanel(p) {
    const manager = has('MANAGER');
    const pending = p.admission === 'PENDING_REVIEW';
    const returned = p.admission === 'RETURNED';
    const proposals = p.pendingProposals || [];
    if (!pending && !returned && !proposals.length) return '';
    return `<div class="panel" data-testid="review"><h2>${esc(t('customer.admission'))}：${code('admission', p.admission)}</h2>
      ${returned ? `<p>${esc(t('customer.returnReasons'))}</p>${reasonList(p.returnReasons)}` : ''}
      ${pending && manager ? reviewForms(p.customerId) : ''}
      ${returned && has('SALES', 'MANAGER', 'CLERK') ? `<button type="button" class="primary" data-resubmit="${esc(p.customerId)}" data-testid="resubmit">${esc(t('form.resubmit'))}</button>` : ''}
      ${proposals.length ? `<h3>${esc(t('customer.proposals'))}</h3>${proposalList(p.customerId, proposals, manager)}` : ''}
      <div class="result" data-testid="review-result"></div></div>`;
  }

  /** The card fields a reviewer names when returning a card, each under its label (the request sends the path). */
  const RETURN_FIELDS = ['basic.name', 'basic.legalName', 'basic.address', 'basic.address.city', 'basic.address.street',
    'basic.phones', 'basic.email', 'basic.industry', 'contacts', 'basic.legalRepresentative', 'basic.taxNumber',
    'basic.licenceNumber', 'payment.paymentTerms', 'payment.creditLimit'];
  const reviewForms = customerId => `<button type="button" class="primary" data-approve="${esc(customerId)}" data-testid="approve">${esc(t('form.approve'))}</button>
    <form class="inline" data-return="${esc(customerId)}" data-testid="return-form">${labelled('form.returnField', `<select name="field" required>${RETURN_FIELDS.map(f => `<option value="${esc(f)}">${fieldLabel(f)}</option>`).join('')}</select>`)}
      ${input('form.returnMessage', 'message', 'required')}<button type="submit">${esc(t('form.return'))}</button></form>`;

  /** Wires the review buttons inside root; after a decision, refresh() redraws the page. */
  function wireReview(root, id, refresh) {
    const show = (button, answer, customerId) => {
      const result = button.closest('[data-testid=review], tr, .panel').querySelector('.result') || flash;
      if (ok(answer)) {
        pendingFlash = null;
        const version = (answer.json && answer.json.version) || Number((answer.headers.get('ETag') || '').replace(/"/g, '')) || undefined;
        refresh(version, customerId).then(() => { if (answer.json && answer.json.code) flash.innerHTML = `<p class="ok" data-testid="approved-code">${esc(t('form.approved', { code: answer.json.code }))}</p>`; else showFlash('form.saved'); });
      } else {
        result.innerHTML = problem(answer);
      }
    };
    root.querySelectorAll('button[data-approve]').forEach(button => button.addEventListener('click', async () => {
      button.disabled = true;
      show(button, await command(`/api/customers/${button.dataset.approve}/admission/approve`, { method: 'POST', body: {} }), button.dataset.approve);
      button.disabled = false;
    }));
    root.querySelectorAll('form[data-return]').forEach(form => form.addEventListener('submit', async event => {
      event.preventDefault();
      const values = Object.fromEntries(new FormData(form));
      show(form, await command(`/api/customers/${form.dataset.return}/admission/return`, { method: 'POST',
        body: { reasons: [{ field: values.field, message: values.message }] } }), form.dataset.return);
    }));
    root.querySelectorAll('button[data-resubmit]').forEach(button => button.addEventListener('click', async () =>
      show(button, await command(`/api/customers/${button.dataset.resubmit}/admission/resubmit`, { method: 'POST', body: {} }))));
    root.querySelectorAll('button[data-proposal-approve]').forEach(button => button.addEventListener('click', async () =>
      show(button, await command(`/api/customers/${button.dataset.customer}/proposals/${button.dataset.proposalApprove}/approve`, { method: 'POST', body: {} }), button.dataset.customer)));
    root.querySelectorAll('button[data-proposal-reject]').forEach(button => button.addEventListener('click', async () => {
      const reason = window.prompt(t('form.reason'));
      if (reason) show(button, await command(`/api/customers/${button.dataset.customer}/proposals/${button.dataset.proposalReject}/reject`, { method: 'POST', body: { reason } }), button.dataset.customer);
    }));
  }

  /** The review queue: cards waiting for review or returned, and proposed changes, the longest waiting first. */
  async function reviewQueue() {
    const token = current;
    const answer = await query('/api/admission/queue');
    if (token !== current) return;
    const manager = has('MANAGER');
    main.innerHTML = `<h1 data-i18n="queue.title"></h1><div class="panel" data-testid="queue">${ok(answer) ? table(answer.json.items, [
      { title: 'col.name', render: customerLink }, { title: 'col.code', render: i => val(i.code) },
      { title: 'col.owner', key: 'ownerId' }, { title: 'customer.admission', render: i => `<span data-testid="queue-state">${code('admission', i.admission)}</span>` },
      { title: 'queue.since', render: i => time(i.since) }, { title: 'queue.age', render: i => number(i.ageDays) },
      { title: 'col.completeness', render: i => i.completeness ? `${esc(t('completeness.percent', { n: i.completeness.score }))}${missingFields(i.completeness.missing)}` : '' },
      { title: 'queue.reasons', render: i => reasonList(i.returnReasons) },
      { title: 'queue.proposals', render: i => proposalList(i.customerId, i.pendingProposals, manager) },
      { title: 'queue.actions', render: i => i.admission === 'PENDING_REVIEW' && manager ? reviewForms(i.customerId) + '<div class="result"></div>' : '' }],
      { testid: 'queue-table' }) : problem(answer)}</div>`;
    translate(main);
    // the queue is read from the profiles: it is redrawn once the decided customer's profile holds the decision
    wireReview(main, null, (version, customerId) => (version && customerId
      ? query(`/api/profiles/${customerId}?minVersion=${version}`) : Promise.resolve()).then(() => reviewQueue()));
  }

  // ---------------------------------------------------------------- the sales organisation
  /**
   * The part of the organisation the user belongs to: units with their members and customers; a branch manager picks
   * one of its teams (or the branch) and sees that unit's activity for the period, each rep on its own row.
   */
  async function organisation(params) {
    const token = current;
    const form = new URLSearchParams(params);
    const from = form.get('from') || daysAgo(30), to = form.get('to') || today();
    form.set('from', from); form.set('to', to);
    const answer = await query('/api/org');
    if (token !== current) return;
    if (!ok(answer)) { main.innerHTML = problem(answer); return; }
    const root = answer.json.root;
    const chosen = form.get('unit') || (root ? root.code : '');
    const period = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    const unitTree = unit => `<li data-testid="org-unit" data-code="${esc(unit.code)}">
      <a href="#/org?unit=${encodeURIComponent(unit.code)}&${period}" class="${unit.code === chosen ? 'active' : ''}" data-testid="org-unit-link">${val(unit.name)}</a>
      <span class="muted">${val(unit.code)}</span> · <span data-testid="org-customers">${esc(t('org.customers', { n: unit.customers }))}</span>
      ${unit.members.length ? `<ul class="members">${unit.members.map(m => `<li data-testid="org-member">${val(m.user)} · ${code('position', m.position)} · ${esc(t('org.customers', { n: m.customers }))}</li>`).join('')}</ul>` : ''}
      ${unit.units.length ? `<ul>${unit.units.map(unitTree).join('')}</ul>` : ''}</li>`;
    const names = {};
    const named = unit => { names[unit.code] = unit.name; unit.units.forEach(named); };
    if (root) named(root);
    let activity = null;
    if (chosen && has('MANAGER', 'ADMIN')) {
      activity = await query(`/api/reports/activity?unit=${encodeURIComponent(chosen)}&from=${instant(from)}&to=${endOf(to)}`);
      if (token !== current) return;
    }
    main.innerHTML = `<h1 data-i18n="org.title"></h1>
      <p data-testid="org-scope">${esc(t('org.scope'))}${scopeText(answer.json.scope)}</p>
      ${root ? `<div class="panel"><ul class="tree" data-testid="org-tree">${unitTree(root)}</ul></div>` : `<p data-testid="org-none">${esc(t('org.none'))}</p>`}
      ${activity ? `<div class="panel"><h2>${esc(t('org.activity', { unit: names[chosen] || chosen }))}</h2>${periodForm(form, `<input type="hidden" name="unit" value="${esc(chosen)}">`)}
        ${ok(activity) ? activityTable(activity.json) : problem(activity)}</div>` : ''}`;
    translate(main);
    if (activity) wirePeriodForm('/org');
  }

  /** The scope's basis ("company (HEAD)", "team T1", "branch B1", "own") in the reader's words. */
  function scopeText(basis) {
    const [kind, unit] = String(basis || '').split(' ');
    if (kind === 'team' || kind === 'branch') return esc(t('org.scope.' + kind, { unit }));
    return esc(t(kind === 'own' ? 'org.scope.own' : 'org.scope.company'));
  }

  // ---------------------------------------------------------------- the public pool (客户公海)
  /**
   * The pools the user sees and what waits in each (names masked for members until claimed), with claim for a
   * member and assign for a lead; for managers the briefing of the period against the one before and the forgotten
   * customers per rep.
   */
  async function publicPool(params) {
    const token = current;
    const form = new URLSearchParams(params);
    const from = form.get('from') || daysAgo(7), to = form.get('to') || today();
    form.set('from', from); form.set('to', to);
    const pools = await query('/api/pools');
    if (token !== current) return;
    if (!ok(pools)) { main.innerHTML = problem(pools); return; }
    const chosen = form.get('pool') || (pools.json[0] ? pools.json[0].poolId : '');
    const [waiting, briefing, forgotten] = await Promise.all([
      chosen ? query(`/api/pools/${encodeURIComponent(chosen)}/customers?size=200`) : Promise.resolve(null),
      has('MANAGER', 'ADMIN') ? query(`/api/reports/briefing?from=${instant(from)}&to=${endOf(to)}&by=${form.get('by') === 'team' ? 'team' : 'owner'}`) : Promise.resolve(null),
      has('MANAGER', 'ADMIN') ? query('/api/reports/forgotten') : Promise.resolve(null)]);
    if (token !== current) return;
    const pool = pools.json.find(one => one.poolId === chosen);
    const rules = pool ? pool.rules : null;
    const days = rules ? Object.entries(rules.followUpDays || {}).map(([grade, n]) => `${grade} ${n}`).join(', ') : '';
    const member = pool && pool.member;
    main.innerHTML = `<h1 data-i18n="pool.title"></h1>
      ${pools.json.length ? `<div class="panel"><ul data-testid="pools">${pools.json.map(one => `<li><a href="#/pool?pool=${encodeURIComponent(one.poolId)}" class="${one.poolId === chosen ? 'active' : ''}">${val(one.name)}</a>
        <span class="muted">${val(one.poolId)}</span> · ${esc(t('pool.waiting', { n: one.waiting }))}${one.member ? ' · ' + esc(t('pool.member')) : ''}</li>`).join('')}</ul>
        ${rules ? `<p class="muted" data-testid="pool-rules">${esc(t('pool.rules', { days, warning: rules.warningDays, claims: rules.dailyClaimCap ?? t('pool.noCap'), cap: rules.ownerCap ?? t('pool.noCap') }))}</p>` : ''}</div>`
        : `<p data-testid="pool-none">${esc(t('pool.none'))}</p>`}
      ${waiting ? `<div class="panel">${ok(waiting) ? table(waiting.json.customers, [{ title: 'col.code', key: 'code' },
        { title: 'col.name', render: c => c.masked ? `${val(c.name)} <span class="muted">(${esc(t('pool.masked'))})</span>` : `<a href="#/customer/${esc(c.customerId)}">${val(c.name)}</a>` },
        { title: 'col.grade', key: 'grade' }, { title: 'col.returnedAt', render: c => time(c.returnedAt) }, { title: 'col.returnedFrom', key: 'returnedFrom' },
        { title: 'col.reason', key: 'reason' }, { title: 'col.days', render: c => number(c.daysInPool) },
        { title: 'col.actions', render: c => (member ? `<button type="button" data-claim="${esc(c.customerId)}" data-testid="claim">${esc(t('pool.claim'))}</button> ` : '')
          + (has('MANAGER') ? `<input size="10" data-assign-to="${esc(c.customerId)}" placeholder="${esc(t('pool.assignTo'))}"> <button type="button" data-assign="${esc(c.customerId)}" data-testid="assign">${esc(t('pool.assign'))}</button>` : '') }],
        { testid: 'pool-customers' }) : problem(waiting)}<div id="pool-answer" data-testid="pool-answer"></div></div>` : ''}
      ${briefing ? `<div class="panel"><h2 data-i18n="briefing.title"></h2>${periodForm(form, `<input type="hidden" name="pool" value="${esc(chosen)}">
        <label><span data-i18n="briefing.by"></span><select name="by" data-testid="briefing-by"><option value="owner">${esc(t('briefing.byOwner'))}</option><option value="team" ${form.get('by') === 'team' ? 'selected' : ''}>${esc(t('briefing.byTeam'))}</option></select></label>`)}
        ${ok(briefing) ? table(briefing.json.items, [{ title: 'briefing.rank', key: 'rank' }, { title: 'briefing.key', key: 'key' },
          { title: 'briefing.new', render: r => `${number(r.newCustomers)} <span class="muted">(${number(r.newCustomersBefore)})</span>` },
          { title: 'briefing.visits', render: r => `${number(r.visits)} <span class="muted">(${number(r.visitsBefore)})</span>` },
          { title: 'briefing.purchases', render: r => `${number(r.purchases)} <span class="muted">(${number(r.purchasesBefore)})</span>` },
          { title: 'briefing.amount', render: r => totals(r.purchaseTotals) },
          { title: 'briefing.claimed', render: r => number(r.claimed) }, { title: 'briefing.returned', render: r => number(r.returned) }],
          { testid: 'briefing' }) : problem(briefing)}</div>` : ''}
      ${forgotten ? `<div class="panel"><h2 data-i18n="forgotten.title"></h2>${ok(forgotten) ? table(forgotten.json.owners, [{ title: 'col.owner', key: 'ownerId' },
        ...forgotten.json.thresholds.map(d => ({ title: 'forgotten.days', titleArgs: { days: d }, render: r => number(r.counts[d]) }))], { testid: 'forgotten' }) : problem(forgotten)}</div>` : ''}`;
    translate(main);
    if (briefing) wirePeriodForm('/pool');
    const refused = answer => { const target = document.getElementById('pool-answer'); if (target) target.innerHTML = problem(answer); };
    // a claimed customer is the rep's now: its page, once the read model has it; an assigned one leaves the list
    main.querySelectorAll('[data-claim]').forEach(button => button.addEventListener('click', async () => {
      const answer = await command(`/api/customers/${button.dataset.claim}/claim`, { method: 'POST' });
      if (!ok(answer)) { refused(answer); return; }
      pendingFlash = 'pool.claimed';
      location.hash = `#/customer/${button.dataset.claim}?v=${answer.json.version}`;
    }));
    main.querySelectorAll('[data-assign]').forEach(button => button.addEventListener('click', async () => {
      const owner = main.querySelector(`[data-assign-to="${button.dataset.assign}"]`).value.trim();
      const answer = await command(`/api/customers/${button.dataset.assign}/assign`, { method: 'POST', body: { ownerId: owner } });
      if (!ok(answer)) { refused(answer); return; }
      await query(`/api/profiles/${button.dataset.assign}?minVersion=${answer.json.version}`);
      pendingFlash = 'pool.done';
      route();
    }));
  }

  /** On the customer's page: claim or assign one in the pool; lock, unlock or put back one with a rep. */
  function poolPanel(p) {
    const pooled = String(p.ownerId || '').startsWith('pool:');
    return `<div class="panel" data-testid="pool-panel"><h2 data-i18n="pool.panel"></h2>
      ${pooled ? `<p>${esc(t('pool.waitingIn', { pool: p.ownerId.substring(5) }))}</p>
        <button type="button" id="pool-claim" data-testid="pool-claim">${esc(t('pool.claim'))}</button>`
      : `<button type="button" id="pool-lock" data-testid="pool-lock">${esc(t('pool.lock'))}</button>
        <button type="button" id="pool-unlock" data-testid="pool-unlock">${esc(t('pool.unlock'))}</button>
        <form class="inline" id="pool-release-form"><label><span data-i18n="pool.reason"></span><input id="pool-release-reason" data-testid="pool-release-reason" required></label>
        <button type="submit" data-testid="pool-release">${esc(t('pool.release'))}</button></form>`}
      ${p.locked ? `<p><span class="badge" data-testid="pool-locked">${esc(t('pool.locked'))}</span></p>` : ''}
      ${pooled ? '' : `<p data-testid="team">${esc(t('team.title'))}: ${(p.team || []).length ? p.team.map(m => `${val(m.user)} (${esc(t('team.' + m.access))}${m.until ? ' → ' + strip(date(m.until)) : ''})`).join(', ') : esc(t('team.none'))}</p>
        <form class="inline" id="team-form"><label><span data-i18n="team.user"></span><input id="team-user" data-testid="team-user" required></label>
        <label><span data-i18n="team.access"></span><select id="team-access" data-testid="team-access"><option value="READ">${esc(t('team.READ'))}</option><option value="WRITE">${esc(t('team.WRITE'))}</option></select></label>
        <label><span data-i18n="team.until"></span><input type="date" id="team-until" data-testid="team-until"></label>
        <button type="submit" data-testid="team-add">${esc(t('team.add'))}</button></form>`}
      ${has('MANAGER') ? `<form class="inline" id="pool-assign-form"><label><span data-i18n="pool.assignTo"></span><input id="pool-assign-owner" data-testid="pool-assign-owner" required></label>
        <button type="submit" data-testid="pool-assign">${esc(t('pool.assign'))}</button></form>` : ''}
      <div id="pool-answer" data-testid="pool-answer"></div></div>`;
  }

  function wirePool(id, p) {
    const after = answer => {
      if (ok(answer)) { customer(id, answer.json.version); return; }
      document.getElementById('pool-answer').innerHTML = problem(answer);
    };
    const on = (element, kind, handler) => { const node = document.getElementById(element); if (node) node.addEventListener(kind, handler); };
    on('pool-claim', 'click', async () => after(await command(`/api/customers/${id}/claim`, { method: 'POST' })));
    on('pool-lock', 'click', async () => after(await command(`/api/customers/${id}/lock`, { method: 'POST' })));
    on('pool-unlock', 'click', async () => after(await command(`/api/customers/${id}/unlock`, { method: 'POST' })));
    on('pool-release-form', 'submit', async event => {
      event.preventDefault();
      after(await command(`/api/customers/${id}/release`, { method: 'POST', body: { reason: document.getElementById('pool-release-reason').value } }));
    });
    on('team-form', 'submit', async event => {
      event.preventDefault();
      const user = document.getElementById('team-user').value.trim();
      const until = document.getElementById('team-until').value;
      const members = (p.team || []).filter(m => m.user !== user)
        .concat([{ user, access: document.getElementById('team-access').value, until: until || null }]);
      after(await command(`/api/customers/${id}/team`, { method: 'PUT', body: { members } }));
    });
    on('pool-assign-form', 'submit', async event => {
      event.preventDefault();
      after(await command(`/api/customers/${id}/assign`, { method: 'POST', body: { ownerId: document.getElementById('pool-assign-owner').value.trim() } }));
    });
  }

  // ---------------------------------------------------------------- routing
  const ALL = ['SALES', 'MANAGER', 'AUDITOR', 'ADMIN', 'CLERK', 'FINANCE'];
  const ROUTES = [
    { path: '/dashboard', roles: ['MANAGER', 'ADMIN'], show: dashboard },
    { path: '/search', roles: ALL, show: search },
    { path: '/agenda', roles: ['SALES', 'MANAGER', 'ADMIN'], show: agenda },
    { path: '/reports', roles: ['MANAGER', 'ADMIN'], show: reports },
    { path: '/new', roles: ['SALES', 'MANAGER', 'CLERK'], show: register },
    { path: '/import', roles: ['MANAGER', 'CLERK'], show: importPage },
    { path: '/queue', roles: ['MANAGER', 'ADMIN', 'CLERK', 'SALES'], show: reviewQueue },
    { path: '/at-risk', roles: ['MANAGER', 'ADMIN'], show: atRisk },
    { path: '/complaints', roles: ['MANAGER', 'ADMIN'], show: complaintList },
    // a rep drills into its route reports' figures (the server refuses it the others')
    { path: '/drill', roles: ['MANAGER', 'ADMIN', 'FINANCE', 'SALES'], show: drill },
    { path: '/route', roles: ['SALES', 'MANAGER', 'ADMIN'], show: routeCard },
    { path: '/route-week', roles: ['SALES', 'MANAGER', 'ADMIN'], show: routeWeek },
    { path: '/distribution', roles: ['SALES', 'MANAGER', 'ADMIN'], show: distribution },
    { path: '/receivables', roles: ['MANAGER', 'ADMIN', 'FINANCE'], show: receivables },
    { path: '/org', roles: ALL, show: organisation },
    { path: '/pool', roles: ['SALES', 'MANAGER', 'ADMIN'], show: publicPool },
    { prefix: '/customer/', roles: ALL, show: (params, rest) => customer(rest, new URLSearchParams(params).get('v')) }
  ];

  async function route() {
    current++;
    flash.innerHTML = '';
    if (pendingFlash) { showFlash(pendingFlash); pendingFlash = null; }
    if (!session.user) return signIn();
    const [path, params] = (location.hash.substring(1) || '/').split('?');
    document.querySelectorAll('#nav a').forEach(link => link.classList.toggle('active', path.startsWith(link.getAttribute('href').substring(1))));
    const page = ROUTES.find(r => r.path === path || (r.prefix && path.startsWith(r.prefix)));
    if (!page) { location.hash = home(); return; }
    if (!has(...page.roles)) {
      main.innerHTML = `<p class="problem" role="alert" data-testid="not-for-role">${esc(t('notForRole'))}</p>`;
      return;
    }
    main.innerHTML = `<p class="loading">${esc(t('loading'))}</p>`;
    try {
      await page.show(params, page.prefix ? path.substring(page.prefix.length) : undefined);
    } catch (failure) {
      console.error(failure);
      main.innerHTML = `<div class="problem" role="alert">${esc(t('failed'))}</div>`;
    }
    main.focus();
  }

  document.getElementById('language').addEventListener('click', () => { lang = lang === 'en' ? 'zh-CN' : 'en'; translate(); if (session.user) showNav(true); route(); });
  document.getElementById('signout').addEventListener('click', () => { forget(); location.hash = ''; signIn(); });
  window.addEventListener('hashchange', route);
  translate();
  fetch('/console/config').then(r => r.json()).then(config => {
    session.commandSide = config.commandSideUrl;
    session.zone = config.zone;
    translate();
    route();
  });
})();
