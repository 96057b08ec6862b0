import { me, signIn, signOut, show, Problem } from '/console/api.js';
import * as migrations from '/console/migrations.js';
import * as channels from '/console/channels.js';
import * as payment from '/console/payment.js';
import * as money from '/console/money.js';

// Which tabs a role may read (the server judges every call anyway; this only hides what would be refused).
const TABS = {
  migrations: { roles: ['engineer', 'ops'], view: migrations },
  channels: { roles: ['engineer', 'ops'], view: channels },
  payment: { roles: ['platform', 'ops'], view: payment },
  money: { roles: ['engineer', 'ops'], view: money },
};

const $ = (id) => document.getElementById(id);
let current = null;

function open(tab, who) {
  if (current) current.view.stop();
  current = TABS[tab];
  for (const b of document.querySelectorAll('#tabs button')) b.classList.toggle('active', b.dataset.tab === tab);
  for (const v of document.querySelectorAll('.view')) v.hidden = v.id !== `view-${tab}`;
  current.view.start(who);
}

function signedIn(who) {
  $('sign-in-view').hidden = true;
  $('tabs').hidden = false;
  $('who').hidden = false;
  $('who-name').textContent = `${who.person ? who.person + ' · ' : ''}key ${who.keyName} (${who.roles.join(', ')})`;
  const allowed = Object.keys(TABS).filter((t) => TABS[t].roles.some((r) => who.roles.includes(r)));
  for (const b of document.querySelectorAll('#tabs button')) {
    b.hidden = !allowed.includes(b.dataset.tab);
    b.onclick = () => open(b.dataset.tab, who);
  }
  if (allowed.length) open(allowed[0], who);
}

function signedOut() {
  if (current) current.view.stop();
  current = null;
  $('tabs').hidden = true;
  $('who').hidden = true;
  for (const v of document.querySelectorAll('.view')) v.hidden = true;
  $('sign-in-view').hidden = false;
}

$('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const key = $('api-key');
  try {
    const who = await signIn(key.value.trim(), $('person').value.trim());
    $('sign-in-problem').hidden = true;
    signedIn(who);
  } catch (e) {
    show($('sign-in-problem'), e instanceof Problem ? e.message : String(e), 'problem');
  } finally {
    key.value = ''; // the key leaves the page once it has been checked
  }
});

$('sign-out').addEventListener('click', async () => {
  await signOut();
  signedOut();
});

const who = await me();
if (who) signedIn(who); else signedOut();
