/*
 * The archive's web console: a page in query-side, no build step. The signed-in user's credentials live only in
 * this page's memory (never in storage) and go as HTTP Basic to query-side's API and to command-side's (CORS).
 */
(() => {
  'use strict';
  const STAFF = ['SALES', 'MANAGER', 'AUDITOR', 'ADMIN'];
  const session = { user: null, password: null, roles: [], commandSide: null };
  let lang = navigator.language && navigator.language.startsWith('zh') ? 'zh-CN' : 'en';
  const main = document.getElementById('main');
  /** The route being shown: a page whose data arrives after the user moved on does not draw over the next one. */
  let current = 0;

  const t = key => (window.I18N[lang] && window.I18N[lang][key]) || window.I18N.en[key] || key;
  const has = (...roles) => roles.some(role => session.roles.includes(role));
  const esc = value => String(value ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  // times and dates as the business sees them: in the archive's zone (archive.zone), whatever the browser's
  const time = iso => iso ? `<time datetime="${esc(iso)}" title="${esc(iso)} (UTC)">${esc(new Date(iso).toLocaleString(lang, {timeZone: session.zone}))}</time>` : '';
  const day = date => new Intl.DateTimeFormat('en-CA', {timeZone: session.zone, year: 'numeric', month: '2-digit', day: '2-digit'}).format(date);
  const daysAgo = n => new Date(Date.now() - n * 86400000);

  function translate(root = document) {
    document.documentElement.lang = lang;
    root.querySelectorAll('[data-i18n]').forEach(node => { node.textContent = t(node.dataset.i18n); });
    document.getElementById('language').textContent = lang === 'en' ? '中文' : 'English';
  }

  /** One call to either app; the answer's status, JSON (or text) and headers. */
  async function call(base, path, { method = 'GET', body, ifMatch, accept = 'application/json' } = {}) {
    const headers = { Accept: accept, 'X-Requested-With': 'XMLHttpRequest',
      Authorization: 'Basic ' + btoa(unescape(encodeURIComponent(session.user + ':' + session.password))) };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (ifMatch) headers['If-Match'] = ifMatch;
    const response = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let json = null;
    try { json = text && accept === 'application/json' ? JSON.parse(text) : null; } catch (ignored) { json = null; }
    return { status: response.status, json, text, headers: response.headers };
  }
  const query = (path, options) => call('', path, options);
  const command = (path, options) => call(session.commandSide, path, options);

  function problem(answer) {
    const body = answer.json || {};
    const rule = body.rule ? ` <span class="badge" data-testid="rule">${esc(body.rule)}</span>` : '';
    const fields = (body.errors || []).map(error => `${esc(error.field)}: ${esc(error.message)}`).join('; ');
    return `<div class="problem" role="alert" data-testid="problem"><strong>${esc(body.title || answer.status)}</strong>${rule}
      <div>${esc(body.detail || '')}${fields ? ' — ' + fields : ''}</div></div>`;
  }

  function table(rows, columns, empty = t('empty')) {
    if (!rows || rows.length === 0) return `<p class="empty" data-testid="empty">${esc(empty)}</p>`;
    return `<table><thead><tr>${columns.map(c => `<th scope="col">${esc(t(c.title))}</th>`).join('')}</tr></thead><tbody>
      ${rows.map(row => `<tr>${columns.map(c => `<td>${c.render ? c.render(row) : esc(row[c.key])}</td>`).join('')}</tr>`).join('')}
      </tbody></table>`;
  }
  const customerLink = row => `<a href="#/customer/${esc(row.customerId)}">${esc(row.name || row.customerId)}</a>`;
  // money is never added across currencies: one line per currency
  const money = row => (row.totals || []).map(line => `${esc(line.currency)} ${esc(line.amount)}`).join('<br>');

  // ---------------------------------------------------------------- sign-in
  function signIn(message) {
    document.getElementById('nav').hidden = true;
    document.getElementById('signout').hidden = true;
    document.getElementById('who').textContent = '';
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
      document.getElementById('who').textContent = `${session.user} (${session.roles.join(', ')})`;
      document.getElementById('signout').hidden = false;
      const nav = document.getElementById('nav');
      nav.hidden = false;
      nav.querySelectorAll('a').forEach(link => { link.hidden = !has(...link.dataset.role.split(' ')); });
      location.hash = has('MANAGER', 'ADMIN') ? '#/dashboard' : has('SALES') ? '#/agenda' : '#/search';
      route();
    });
  }
  function forget() { session.user = null; session.password = null; session.roles = []; }

  // ---------------------------------------------------------------- dashboard
  async function dashboard() {
    const token = current;
    const now = new Date();
    const [overdue, breached, stale, lifecycle, migration, activity, projections] = await Promise.all([
      query('/api/follow-ups/overdue'), query('/api/complaints?breached=true'), query('/api/profiles?stale=true&size=1'),
      query('/api/reports/lifecycle'), query(`/api/reports/grade-migration?from=${day(daysAgo(365))}&to=${now.toISOString()}`),
      query(`/api/reports/activity?from=${day(daysAgo(30))}&to=${now.toISOString()}`), query('/api/admin/projections')]);
    if (token !== current) return;
    const lag = projections.status === 200 ? Math.max(0, ...projections.json.map(p => p.lag)) : '—';
    const grades = ['A', 'B', 'C', 'D', 'E'];
    main.innerHTML = `<h1 data-i18n="dash.title"></h1><div class="cards">
      ${[['dash.overdue', overdue.json.length, 'overdue-count'], ['dash.breached', breached.json.length, 'breached-count'],
         ['dash.stale', stale.json.total, 'stale-count'], ['dash.atRisk', lifecycle.json.atRisk, 'at-risk-count'],
         ['dash.lag', lag, 'lag']]
        .map(([label, figure, id]) => `<div class="card"><div class="figure" data-testid="${id}">${figure}</div><div class="label" data-i18n="${label}"></div></div>`).join('')}
      </div>
      <div class="grid2"><div class="panel"><h2 data-i18n="dash.migration"></h2><div id="heatmap" class="chart" role="img" aria-label="heat map"></div>
        <table data-testid="migration-table"><thead><tr><th><span data-i18n="dash.from"></span> \\ <span data-i18n="dash.to"></span></th>${grades.map(g => `<th>${g}</th>`).join('')}</tr></thead>
        <tbody>${grades.map(from => `<tr><th>${from}</th>${grades.map(to => `<td data-cell="${from}-${to}">${migration.json.matrix[from][to]}</td>`).join('')}</tr>`).join('')}</tbody></table></div>
      <div class="panel"><h2 data-i18n="dash.activity"></h2><div id="activity" class="chart" role="img" aria-label="activity"></div></div></div>`;
    translate(main);
    if (window.echarts) {
      const cells = [];
      grades.forEach((from, y) => grades.forEach((to, x) => cells.push([x, y, migration.json.matrix[from][to]])));
      echarts.init(document.getElementById('heatmap')).setOption({
        animation: false, tooltip: {}, grid: { left: 40, right: 10, top: 10, bottom: 60 },
        xAxis: { type: 'category', data: grades, name: t('dash.to') }, yAxis: { type: 'category', data: grades, name: t('dash.from') },
        visualMap: { min: 0, max: Math.max(1, ...cells.map(c => c[2])), orient: 'horizontal', left: 'center', bottom: 0, calculable: true },
        series: [{ type: 'heatmap', data: cells, label: { show: true } }] });
      const owners = activity.json.owners;
      echarts.init(document.getElementById('activity')).setOption({
        animation: false, tooltip: {}, grid: { left: 40, right: 10, top: 10, bottom: 60 }, xAxis: { type: 'category', data: owners.map(o => o.ownerId), axisLabel: { rotate: 30 } },
        yAxis: { type: 'value' }, series: [{ type: 'bar', data: owners.map(o => o.visits) }] });
    }
  }

  // ---------------------------------------------------------------- search
  async function search(params) {
    const token = current;
    const form = new URLSearchParams(params);
    if (!form.has('size')) form.set('size', '20');
    if (!form.has('page')) form.set('page', '0');
    const answer = await query('/api/profiles?' + form);
    if (token !== current) return;
    const page = Number(form.get('page'));
    main.innerHTML = `<h1 data-i18n="search.title"></h1>
      <form class="inline" id="search-form"><label><span data-i18n="search.q"></span><input name="q" value="${esc(form.get('q'))}"></label>
      <label><span data-i18n="search.grade"></span><select name="grade"><option value=""></option>${['A', 'B', 'C', 'D', 'E'].map(g => `<option ${form.get('grade') === g ? 'selected' : ''}>${g}</option>`).join('')}</select></label>
      <label><span data-i18n="search.owner"></span><input name="ownerId" value="${esc(form.get('ownerId'))}"></label>
      <label><span data-i18n="search.city"></span><input name="city" value="${esc(form.get('city'))}"></label>
      <label><span data-i18n="search.sort"></span><select name="sort">${['name', '-lastContactAt', '-updatedAt', 'grade', 'city'].map(s => `<option ${form.get('sort') === s ? 'selected' : ''}>${s}</option>`).join('')}</select></label>
      <label><span data-i18n="search.overdue"></span><input type="checkbox" name="overdue" value="true" ${form.get('overdue') ? 'checked' : ''}></label>
      <label><span data-i18n="search.stale"></span><input type="checkbox" name="stale" value="true" ${form.get('stale') ? 'checked' : ''}></label>
      <button class="primary" type="submit" data-i18n="search.go"></button><button type="button" id="csv" data-i18n="search.csv"></button></form>
      <div class="panel" data-testid="results">${answer.status === 200 ? table(answer.json.items.map(p => ({ ...p, name: p.card && p.card.basic ? p.card.basic.name : '' })), [
        { title: 'col.name', render: customerLink }, { title: 'col.grade', key: 'grade' }, { title: 'col.owner', key: 'ownerId' },
        { title: 'col.city', render: p => esc(p.card && p.card.basic && p.card.basic.address ? p.card.basic.address.city : '') },
        { title: 'col.lastContact', render: p => time(p.lastContactAt) }, { title: 'col.overdue', render: p => `<span class="badge ${p.overdue}">${p.overdue ? '!' : ''}</span>` }])
        + `<p class="muted">${answer.json.total} · <button type="button" id="prev" ${page === 0 ? 'disabled' : ''} data-i18n="search.prev"></button>
           <button type="button" id="next" ${(page + 1) * 20 >= answer.json.total ? 'disabled' : ''} data-i18n="search.next"></button></p>` : problem(answer)}</div>`;
    translate(main);
    const formNode = document.getElementById('search-form');
    const filters = () => { const f = new URLSearchParams(new FormData(formNode)); [...f.keys()].forEach(k => { if (!f.get(k)) f.delete(k); }); return f; };
    formNode.addEventListener('submit', event => { event.preventDefault(); location.hash = '#/search?' + filters(); });
    const move = delta => { const f = filters(); f.set('page', String(page + delta)); location.hash = '#/search?' + f; };
    document.getElementById('prev')?.addEventListener('click', () => move(-1));
    document.getElementById('next')?.addEventListener('click', () => move(1));
    document.getElementById('csv').addEventListener('click', async () => {
      const f = filters(); f.set('size', '200');
      const csv = await query('/api/profiles?' + f, { accept: 'text/csv' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([csv.text], { type: 'text/csv' }));
      link.download = 'customers.csv';
      link.click();
    });
  }

  // ---------------------------------------------------------------- customer
  async function customer(id, minVersion) {
    const token = current;
    const profile = await query(`/api/profiles/${id}${minVersion ? '?minVersion=' + minVersion : ''}`);
    if (profile.status === 403) { main.innerHTML = `<p class="problem" data-testid="forbidden">${esc(t('forbidden'))}</p>`; return; }
    if (profile.status !== 200) { main.innerHTML = problem(profile); return; }
    const p = profile.json;
    const basic = (p.card && p.card.basic) || {};
    const [history, visits, purchases, access, complaints] = await Promise.all([query(`/api/profiles/${id}/history?size=200`),
      query(`/api/profiles/${id}/visits`), query(`/api/profiles/${id}/purchases`),
      has('AUDITOR', 'ADMIN') ? query(`/api/profiles/${id}/access-log?limit=20`) : Promise.resolve(null),
      has('MANAGER', 'ADMIN') ? query(`/api/complaints?customerId=${id}`) : Promise.resolve(null)]);
    if (token !== current) return;
    const writer = has('SALES', 'MANAGER');
    main.innerHTML = `<h1 data-testid="customer-name">${esc(basic.name)}</h1>
      <div class="grid2"><div class="panel"><h2 data-i18n="customer.card"></h2><dl data-testid="card">
        <dt data-i18n="col.grade"></dt><dd data-testid="grade">${esc(p.grade)}</dd><dt data-i18n="col.owner"></dt><dd>${esc(p.ownerId)}</dd>
        <dt>status</dt><dd>${esc(p.status)}</dd><dt data-i18n="form.email"></dt><dd data-testid="email">${esc(basic.email)}</dd>
        <dt>phones</dt><dd>${esc((basic.phones || []).join(', '))}</dd><dt data-i18n="col.city"></dt><dd>${esc(basic.address ? basic.address.city : '')}</dd>
        <dt data-i18n="col.lastContact"></dt><dd>${time(p.lastContactAt)}</dd><dt data-i18n="col.overdue"></dt><dd>${p.overdue}</dd>
        <dt>stale</dt><dd>${p.stale}</dd><dt data-i18n="customer.lifecycle"></dt><dd>${esc(p.lifecycle ? p.lifecycle.stage + (p.lifecycle.atRisk ? ' ⚠ ' + p.lifecycle.reason : '') : '')}</dd>
        <dt data-i18n="customer.value"></dt><dd>${esc(p.value ? p.value.score : '')}</dd>
        <dt data-i18n="customer.membership"></dt><dd>${esc(p.membershipCard ? p.membershipCard.cardNumber + ' ' + p.membershipCard.tier + ' ' + p.membershipCard.status : '—')}</dd></dl>
        <button type="button" id="verify" data-i18n="customer.verify"></button> <span id="verdict" data-testid="verdict"></span></div>
      <div class="panel"><h2 data-i18n="customer.asOf"></h2><form class="inline" id="asof-form"><label><span data-i18n="col.when"></span>
        <input type="date" id="asof-date" data-testid="asof-date"></label><label><span>version</span>
        <input type="number" min="1" id="asof-version" data-testid="asof-version"></label><button type="submit" id="asof-go" data-i18n="customer.asOfGo"></button></form>
        <div id="asof" data-testid="asof"></div></div></div>
      ${writer ? forms() : ''}
      <div class="panel"><h2 data-i18n="customer.timeline"></h2><div data-testid="timeline">${table(history.json ? history.json.events : [], [
        { title: 'col.when', render: e => time(e.occurredAt) }, { title: 'col.what', key: 'type' }, { title: 'col.who', key: 'actor' },
        { title: 'col.changes', render: e => (e.changes || []).map(c => `${esc(c.field)}: ${esc(JSON.stringify(c.from))} → ${esc(JSON.stringify(c.to))}`).join('<br>') }])}</div></div>
      <div class="grid2"><div class="panel"><h2 data-i18n="customer.visits"></h2>${table(visits.json, [{ title: 'col.no', key: 'visitNo' },
        { title: 'col.when', render: v => time(v.visitedAt) }, { title: 'col.method', key: 'method' }, { title: 'col.notes', key: 'notes' }])}</div>
      <div class="panel"><h2 data-i18n="customer.purchases"></h2>${table(purchases.json, [{ title: 'col.no', key: 'purchaseNo' },
        { title: 'col.when', render: v => time(v.purchasedAt) }, { title: 'col.product', key: 'product' },
        { title: 'col.amount', render: v => esc(v.amount + ' ' + v.currency) + (v.cancelled ? ' ✗' : '') }])}</div></div>
      ${complaints ? `<div class="panel"><h2 data-i18n="customer.complaints"></h2><div id="complaint-result"></div>${table(complaints.json, [
        { title: 'col.when', render: c => time(c.filedAt) }, { title: 'form.category', key: 'category' }, { title: 'form.severity', key: 'severity' },
        { title: 'col.kind', render: c => `<span class="badge ${c.breached}">${esc(c.status)}</span>` },
        { title: 'col.detail', render: c => stepButtons(c) }])}</div>` : ''}
      ${access ? `<div class="panel"><h2 data-i18n="customer.accessLog"></h2>${table(access.json, [{ title: 'col.when', render: a => time(a.at) },
        { title: 'col.who', key: 'user' }, { title: 'col.view', key: 'view' }])}</div>` : ''}`;
    translate(main);
    document.getElementById('verify').addEventListener('click', async () => {
      const verdict = await query(`/api/profiles/${id}/verify`);
      document.getElementById('verdict').innerHTML = verdict.json.valid ? `<span class="ok">${esc(t('customer.valid'))}</span>`
        : `<span class="problem">${esc(t('customer.invalid'))} ${esc(verdict.json.sequence)}</span>`;
    });
    document.getElementById('asof-form').addEventListener('submit', async event => {
      event.preventDefault();
      const at = document.getElementById('asof-date').value;
      const version = document.getElementById('asof-version').value;
      // a date picked is a business day: the card as it stood at its end (on=), not at a recording instant
      const then = await query(`/api/profiles/${id}/as-of?` + (version ? `version=${version}` : `on=${at || day(new Date())}`));
      const card = then.status === 200 ? (then.json.card && then.json.card.basic) || {} : null;
      document.getElementById('asof').innerHTML = card ? `<dl><dt data-i18n="col.grade"></dt><dd data-testid="asof-grade">${esc(then.json.grade)}</dd>
        <dt data-i18n="form.email"></dt><dd data-testid="asof-email">${esc(card.email)}</dd><dt>version</dt><dd>${esc(then.json.version)}</dd></dl>` : problem(then);
      translate(document.getElementById('asof'));
    });
    if (writer) wireForms(id, p.version);
    main.querySelectorAll('button[data-step]').forEach(button => button.addEventListener('click', async () => {
      const step = button.dataset.step;
      const body = { assign: { assignee: session.user }, resolve: { resolution: 'handled', responsibility: 'OURS' },
        'follow-up': { satisfaction: 4 }, close: {}, reopen: { reason: 'came back' } }[step];
      const answer = await command(`/api/customers/${id}/complaints/${button.dataset.complaint}/${step}`, { method: 'POST', body });
      if (answer.status === 200) customer(id, answer.json.version);
      else document.getElementById('complaint-result').innerHTML = problem(answer);
    }));
  }

  /** The next steps of a complaint's lifecycle, as buttons; the aggregate still decides (409 names the rule). */
  function stepButtons(complaint) {
    const next = { FILED: ['assign'], ASSIGNED: ['resolve'], REOPENED: ['assign', 'resolve'], RESOLVED: ['follow-up', 'reopen'],
      FOLLOWED_UP: ['close', 'reopen'], CLOSED: ['reopen'] }[complaint.status] || [];
    return next.map(step => `<button type="button" data-step="${step}" data-complaint="${esc(complaint.complaintId)}">${esc(t('step.' + step))}</button>`).join(' ');
  }

  function forms() {
    const select = (name, values) => `<select name="${name}">${values.map(v => `<option>${v}</option>`).join('')}</select>`;
    return `<div class="grid2">
      <form class="panel" id="visit-form"><h2 data-i18n="form.visit"></h2><label><span data-i18n="form.method"></span>${select('method', ['PHONE', 'ON_SITE_VISIT', 'CUSTOMER_CAME', 'ONLINE', 'MAIL', 'EXHIBITION', 'OTHER'])}</label>
        <label><span data-i18n="form.notes"></span><textarea name="notes" rows="2"></textarea></label><label><span data-i18n="form.next"></span><input type="date" name="nextFollowUpOn"></label>
        <button class="primary" type="submit" data-i18n="form.save"></button><div class="result"></div></form>
      <form class="panel" id="grade-form"><h2 data-i18n="form.grade"></h2><label><span data-i18n="col.grade"></span>${select('grade', ['A', 'B', 'C', 'D', 'E'])}</label>
        <label><span data-i18n="form.reason"></span><input name="reason"></label><button class="primary" type="submit" data-i18n="form.save"></button><div class="result"></div></form>
      <form class="panel" id="card-form"><h2 data-i18n="form.card"></h2><label><span data-i18n="form.email"></span><input name="email" type="email"></label>
        <label><span data-i18n="form.occupation"></span><input name="occupation"></label><button class="primary" type="submit" data-i18n="form.save"></button><div class="result"></div></form>
      <form class="panel" id="complaint-form"><h2 data-i18n="form.complaint"></h2><label><span data-i18n="form.category"></span>${select('category', ['PRODUCT_QUALITY', 'SERVICE_ATTITUDE', 'DELIVERY', 'BILLING', 'OTHER'])}</label>
        <label><span data-i18n="form.severity"></span>${select('severity', ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'])}</label>
        <label><span data-i18n="form.description"></span><input name="description" required></label><button class="primary" type="submit" data-i18n="form.save"></button><div class="result"></div></form></div>`;
  }

  function wireForms(id, version) {
    const submit = (formId, send) => document.getElementById(formId).addEventListener('submit', async event => {
      event.preventDefault();
      const values = Object.fromEntries(new FormData(event.target));
      const answer = await send(values);
      const result = event.target.querySelector('.result');
      if (answer.status >= 200 && answer.status < 300) {
        result.innerHTML = `<span class="ok" data-testid="saved">${esc(t('form.saved'))}</span>`;
        customer(id, answer.json.version);
      } else {
        result.innerHTML = problem(answer);
      }
    });
    const base = `/api/customers/${id}`;
    submit('visit-form', v => command(base + '/visits', { method: 'POST', body: { method: v.method, notes: v.notes || null, nextFollowUpOn: v.nextFollowUpOn || null } }));
    submit('grade-form', v => command(base + '/grade', { method: 'PUT', body: { grade: v.grade, reason: v.reason || null } }));
    submit('card-form', v => command(base + '/card', { method: 'PATCH', body: { basic: Object.fromEntries(Object.entries({ email: v.email, occupation: v.occupation }).filter(([, value]) => value)) } }));
    submit('complaint-form', v => command(base + '/complaints', { method: 'POST', body: { category: v.category, severity: v.severity, description: v.description, channel: 'console' } }));
  }

  // ---------------------------------------------------------------- agenda
  async function agenda(params) {
    const token = current;
    const form = new URLSearchParams(params);
    const answer = await query('/api/agenda?' + form);
    if (token !== current) return;
    main.innerHTML = `<h1 data-i18n="agenda.title"></h1>
      ${has('MANAGER', 'ADMIN') ? `<form class="inline" id="agenda-form"><label><span data-i18n="search.owner"></span><input name="ownerId" value="${esc(form.get('ownerId'))}"></label><button type="submit" data-i18n="search.go"></button></form>` : ''}
      <div class="panel" data-testid="agenda">${answer.status === 200 ? table(answer.json, [{ title: 'col.when', key: 'date' },
        { title: 'col.kind', key: 'kind' }, { title: 'col.urgency', render: i => `<span class="badge ${esc(i.urgency)}">${esc(i.urgency)}</span>` },
        { title: 'col.name', render: customerLink }, { title: 'col.detail', key: 'detail' }]) : problem(answer)}</div>`;
    translate(main);
    document.getElementById('agenda-form')?.addEventListener('submit', event => {
      event.preventDefault(); location.hash = '#/agenda?' + new URLSearchParams(new FormData(event.target));
    });
  }

  // ---------------------------------------------------------------- reports
  async function reports() {
    const token = current;
    const from = day(daysAgo(365)), to = day(new Date(Date.now() + 86400000));
    const [lifecycle, value, referrals, statistics, complaints, membership] = await Promise.all([query('/api/reports/lifecycle'),
      query('/api/reports/value?top=20'), query('/api/reports/referrals'), query(`/api/reports/statistics?from=${from}&to=${to}&by=owner`),
      query(`/api/reports/complaints?from=${from}&to=${to}&by=category`), query(`/api/reports/membership?from=${from}&to=${to}`)]);
    if (token !== current) return;
    const stages = Object.entries(lifecycle.json.stages).map(([stage, count]) => ({ stage, count }));
    main.innerHTML = `<h1 data-i18n="reports.title"></h1>
      <div class="grid2"><div class="panel"><h2 data-i18n="reports.lifecycle"></h2><div id="lifecycle" class="chart" role="img" aria-label="lifecycle"></div>
        ${table(stages, [{ title: 'col.stage', key: 'stage' }, { title: 'col.count', key: 'count' }])}<p>⚠ ${lifecycle.json.atRisk}</p></div>
      <div class="panel"><h2 data-i18n="reports.value"></h2>${table(value.json, [{ title: 'col.no', key: 'rank' }, { title: 'col.name', render: customerLink },
        { title: 'col.stage', key: 'stage' }, { title: 'col.score', render: r => esc(r.value.score) }])}</div></div>
      <div class="grid2"><div class="panel"><h2 data-i18n="reports.statistics"></h2>${table(statistics.json, [{ title: 'col.key', key: 'key' },
        { title: 'col.count', key: 'customers' }, { title: 'col.method', key: 'visits' }, { title: 'col.amount', render: money }])}</div>
      <div class="panel"><h2 data-i18n="reports.complaints"></h2>${table(complaints.json, [{ title: 'col.key', key: 'key' }, { title: 'col.count', key: 'filed' },
        { title: 'col.overdue', key: 'breached' }, { title: 'col.detail', render: r => esc(r.medianHoursToResolve) + ' h · ★' + esc(r.averageSatisfaction) }])}</div></div>
      <div class="grid2"><div class="panel"><h2 data-i18n="reports.referrals"></h2>${table(referrals.json.slice(0, 20), [{ title: 'col.name', render: customerLink },
        { title: 'col.count', key: 'referred' }, { title: 'col.amount', render: money }])}</div>
      <div class="panel"><h2 data-i18n="reports.membership"></h2>${table(membership.json.tiers, [{ title: 'col.key', key: 'tier' },
        { title: 'col.count', key: 'issued' }, { title: 'col.amount', render: money }])}</div></div>`;
    translate(main);
    if (window.echarts) {
      echarts.init(document.getElementById('lifecycle')).setOption({ animation: false, tooltip: {}, series: [{ type: 'pie', radius: ['35%', '65%'],
        data: stages.map(s => ({ name: s.stage, value: s.count })) }] });
    }
  }

  // ---------------------------------------------------------------- routing
  async function route() {
    current++;
    if (!session.user) return signIn();
    const [path, params] = (location.hash.substring(1) || '/').split('?');
    document.querySelectorAll('#nav a').forEach(link => link.classList.toggle('active', path.startsWith(link.getAttribute('href').substring(1))));
    main.innerHTML = `<p class="loading">${esc(t('loading'))}</p>`;
    try {
      if (path.startsWith('/customer/')) await customer(path.substring('/customer/'.length));
      else if (path === '/dashboard') await dashboard();
      else if (path === '/search') await search(params);
      else if (path === '/agenda') await agenda(params);
      else if (path === '/reports') await reports();
      else location.hash = has('MANAGER', 'ADMIN') ? '#/dashboard' : has('SALES') ? '#/agenda' : '#/search';
    } catch (failure) {
      main.innerHTML = `<div class="problem" role="alert">${esc(failure.message)}</div>`;
    }
    main.focus();
  }

  document.getElementById('language').addEventListener('click', () => { lang = lang === 'en' ? 'zh-CN' : 'en'; translate(); route(); });
  document.getElementById('signout').addEventListener('click', () => { forget(); location.hash = ''; signIn(); });
  window.addEventListener('hashchange', route);
  fetch('/console/config').then(r => r.json()).then(config => {
    session.commandSide = config.commandSideUrl;
    session.zone = config.zone;
    translate();
    route();
  });
})();
