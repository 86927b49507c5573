// The page's words in every language it speaks, and the functions that put them on the page.
// Plain ES module, no DOM access at import time (tests/web/i18n.test.mjs imports it in Node).
//
// A catalogue maps a key to a text, or to plural forms {one, other} chosen by the `count`
// parameter (Intl.PluralRules). `{name}` in a text is replaced by the parameter `name`; numbers
// are formatted for the language. To add a language: add its catalogue below with every key of
// `en`, and its name to LANGUAGES (docs/web.md).

export const LANGUAGES = { en: 'English', de: 'Deutsch' };
export const DEFAULT_LANGUAGE = 'en';
const STORAGE_KEY = 'scoreboard.lang';

export const catalogues = {
  en: {
    'app.name': 'Scoreboard',
    'app.titleWith': '{title} — Scoreboard',
    'app.skip': 'Skip to the main content',
    'app.language': 'Language',
    'app.home': 'All events',

    'status.connecting': 'Connecting…',
    'status.live': 'Live',
    'status.reconnecting': 'Reconnecting…',
    'status.reconnectingIn': 'Reconnecting in {count} s…',

    'account.login': 'Log in',
    'account.logout': 'Log out',
    'notice.dismiss': 'Dismiss',
    'notice.dismissLabel': 'Dismiss message',
    'notice.signedInElsewhere': 'You signed in on another device, so this page was logged out.',
    'notice.suspended': 'Your account has been suspended, so you were logged out. Please contact the organisers.',
    'notice.loggedOutElsewhere': 'You logged out in another window.',

    'panel.game': 'Your game',
    'panel.account': 'Your account',
    'field.email': 'E-mail',
    'field.password': 'Password',
    'field.displayName': 'Display name',

    'login.title': 'Log in',
    'login.lead': 'Log in to press the button and climb the board.',
    'login.submit': 'Log in',
    'login.noAccount': 'No account yet?',
    'login.createAccount': 'Create an account',
    'login.missing': 'Enter your e-mail address and password.',
    'login.loggedOut': 'You are logged out.',

    'signup.title': 'Create an account',
    'signup.nameHint': 'Shown on the public board, up to 32 characters.',
    'signup.passwordHint': '8 to 128 characters. Not a common password, and not your e-mail or display name.',
    'signup.submit': 'Sign up',
    'signup.already': 'Already signed up?',
    'signup.login': 'Log in',
    'signup.missing': 'Please fill in every field.',

    'verify.title': 'Confirm your e-mail',
    'verify.lead': 'We sent a 6-digit code to {email}. It is valid for 10 minutes.',
    'verify.code': 'Code from the e-mail',
    'verify.submit': 'Confirm',
    'verify.resend': 'Send a new code',
    'verify.back': 'Back to log in',
    'verify.wait': 'You can ask for a new code in {count} s.',
    'verify.missing': 'Enter the 6 digits from the e-mail.',
    'verify.confirmed': 'Your e-mail address is confirmed. Log in to start playing.',
    'verify.sent': 'A new code is on its way. Only the newest code works.',

    'game.hello': 'Hello, {name}',
    'game.score': 'Your score',
    'game.rank': 'Your rank',
    'game.action': 'Score!',
    'game.actionPoints': '{label} (+{points})',
    'game.hintOne': 'Press the button, or Enter or Space while it has focus.',
    'game.hintMany': 'Press a button, or its number key (1 for the first).',
    'game.notStarted': 'This event has not started yet.',
    'game.over': 'This event is over.',
    'game.around': 'Around you',
    'game.overtaken': 'Overtaken by {name} — you are now #{rank}.',
    'game.you': '(you)',
    'welcome.lead': 'Pick a live event to play.',

    'board.title': 'Live Top {count}',
    'board.eventTitle': '{title} — Live Top {count}',
    'board.rank': 'Rank',
    'board.player': 'Player',
    'board.score': 'Score',
    'board.empty': 'No scores yet — be the first!',
    'standings.title': 'Full standings',
    'standings.season': 'Season',
    'standings.current': '{season} (current)',
    'standings.previous': 'Previous {count}',
    'standings.next': 'Next {count}',
    'standings.range': '{from}–{to} of {total}',
    'standings.none': '0 of {total}',
    'standings.amended': '(amended after a review)',

    'events.title': 'Events',
    'events.live': 'Live now',
    'events.scheduled': 'Coming up',
    'events.closed': 'Finished',
    'events.none': 'No events yet.',
    'events.players': { one: '{count} playing', other: '{count} playing' },
    'events.leaders': 'Leaders',
    'events.noScores': 'No scores yet',
    'events.winner': 'Winner: {name}',
    'events.wonBy': 'won by {name}',
    'events.results': 'Results',
    'events.mainTitle': 'Main board',

    'meta.live': 'Live',
    'meta.startsSoon': 'Starts soon',
    'meta.starts': 'Starts {when}',
    'meta.finished': 'Finished',
    'meta.season': 'Season {season}',
    'meta.nextSeason': 'next season {when}',
    'meta.ends': 'ends {when}',

    'time.now': 'now',
    'time.seconds': 'in {count} s',
    'time.minutes': 'in {count} min',
    'time.hoursMinutes': 'in {hours} h {minutes} min',
    'time.days': { one: 'in {count} day', other: 'in {count} days' },
    'wait.seconds': { one: '{count} second', other: '{count} seconds' },
    'wait.minutes': { one: '{count} minute', other: '{count} minutes' },

    'error.generic': 'Something went wrong.',
    'error.notConnected': 'Not connected. Please wait a moment and try again.',
    'error.rateLimited': 'Too many attempts. Please wait a moment and try again.',
    'error.rateLimitedWait': 'Too many attempts. Try again in {wait}.',
    'error.otpInvalid': 'That code is not right.',
    'error.triesLeft': { one: '{count} try left.', other: '{count} tries left.' },
    'error.otpExpired': 'That code has expired. Send a new code and try again.',
    'error.tooManyAttempts': 'Too many wrong codes. Send a new code and use that one.',
    'error.badCredentials': 'The e-mail address or password is not right.',
    'error.notVerified': 'Your e-mail address is not confirmed yet. Enter the code we sent you.',
    'error.suspended': 'Your account is suspended. Please contact the organisers.',
    'error.sessionInvalid': 'Your session has ended. Please log in again.',
    'error.notAuthenticated': 'Please log in first.',
    'error.challengeUnknown': 'That press was not accepted. Please press again.',
    'error.challengeUsed': 'That press was already counted.',
    'error.tooFast': 'Slow down a little.',
    'error.challengeExpired': 'That press took too long. Please press again.',
    'error.forbidden': 'That is not allowed for your account.',
    'error.notFound': 'That item does not exist.',
    'error.conflict': 'That has already been done.',
    'error.internal': 'The server had a problem. Please try again.',
    'error.unsupported': 'This server does not support that yet.',
    'error.network': 'The connection was lost. Reconnecting…',
    'error.eventUnknown': 'There is no such event.',
    'error.eventNotLive': 'This event is not live right now.',
    'error.actionUnknown': 'This event has no such action.',
    'error.seasonUnknown': 'There is no such season.',

    // The server's own messages the page may show (shared/validation.cpp, fieldreader.h).
    'server.passwordShort': 'The password must be at least {count} characters long.',
    'server.passwordLong': 'The password must be at most {count} characters long.',
    'server.passwordCommon': 'This password is too common. Please choose another one.',
    'server.passwordEmail': 'The password must not be your e-mail address.',
    'server.passwordEmailName': 'The password must not be the name part of your e-mail address.',
    'server.passwordName': 'The password must not be your display name.',
    'server.emailInvalid': 'That is not a valid e-mail address.',
    'server.nameLength': 'The display name must be {min} to {max} characters long.',
    'server.nameCharacters': 'The display name contains characters that are not allowed.',

    'screen.title': 'Scoreboard — big screen',
    'screen.standings': 'Standings',
    'screen.empty': 'No scores yet',
    'screen.qr': 'QR code: join from your phone',
    'screen.final': 'Final standings',
    'screen.noSuchEvent': 'No such event',
  },

  de: {
    'app.name': 'Scoreboard',
    'app.titleWith': '{title} – Scoreboard',
    'app.skip': 'Zum Hauptinhalt springen',
    'app.language': 'Sprache',
    'app.home': 'Alle Events',

    'status.connecting': 'Verbinde…',
    'status.live': 'Live',
    'status.reconnecting': 'Verbinde neu…',
    'status.reconnectingIn': 'Neuer Versuch in {count} s…',

    'account.login': 'Anmelden',
    'account.logout': 'Abmelden',
    'notice.dismiss': 'Schließen',
    'notice.dismissLabel': 'Meldung schließen',
    'notice.signedInElsewhere': 'Du hast dich auf einem anderen Gerät angemeldet, deshalb wurde diese Seite abgemeldet.',
    'notice.suspended': 'Dein Konto wurde gesperrt, deshalb wurdest du abgemeldet. Bitte wende dich an die Veranstalter.',
    'notice.loggedOutElsewhere': 'Du hast dich in einem anderen Fenster abgemeldet.',

    'panel.game': 'Dein Spiel',
    'panel.account': 'Dein Konto',
    'field.email': 'E-Mail',
    'field.password': 'Passwort',
    'field.displayName': 'Anzeigename',

    'login.title': 'Anmelden',
    'login.lead': 'Melde dich an, um mitzuspielen und in der Rangliste aufzusteigen.',
    'login.submit': 'Anmelden',
    'login.noAccount': 'Noch kein Konto?',
    'login.createAccount': 'Konto erstellen',
    'login.missing': 'Gib deine E-Mail-Adresse und dein Passwort ein.',
    'login.loggedOut': 'Du bist abgemeldet.',

    'signup.title': 'Konto erstellen',
    'signup.nameHint': 'Erscheint in der öffentlichen Rangliste, höchstens 32 Zeichen.',
    'signup.passwordHint': '8 bis 128 Zeichen. Kein gängiges Passwort und weder deine E-Mail-Adresse noch dein Anzeigename.',
    'signup.submit': 'Registrieren',
    'signup.already': 'Schon registriert?',
    'signup.login': 'Anmelden',
    'signup.missing': 'Bitte füll alle Felder aus.',

    'verify.title': 'E-Mail-Adresse bestätigen',
    'verify.lead': 'Wir haben einen 6-stelligen Code an {email} geschickt. Er ist 10 Minuten lang gültig.',
    'verify.code': 'Code aus der E-Mail',
    'verify.submit': 'Bestätigen',
    'verify.resend': 'Neuen Code senden',
    'verify.back': 'Zurück zur Anmeldung',
    'verify.wait': 'Einen neuen Code kannst du in {count} s anfordern.',
    'verify.missing': 'Gib die 6 Ziffern aus der E-Mail ein.',
    'verify.confirmed': 'Deine E-Mail-Adresse ist bestätigt. Melde dich an und leg los.',
    'verify.sent': 'Ein neuer Code ist unterwegs. Nur der neueste Code gilt.',

    'game.hello': 'Hallo, {name}',
    'game.score': 'Deine Punkte',
    'game.rank': 'Dein Platz',
    'game.action': 'Punkten!',
    'game.actionPoints': '{label} (+{points})',
    'game.hintOne': 'Drück den Knopf – oder Enter bzw. die Leertaste, solange er ausgewählt ist.',
    'game.hintMany': 'Drück einen Knopf oder seine Zifferntaste (1 für den ersten).',
    'game.notStarted': 'Dieses Event hat noch nicht begonnen.',
    'game.over': 'Dieses Event ist vorbei.',
    'game.around': 'Um dich herum',
    'game.overtaken': '{name} hat dich überholt – du bist jetzt auf Platz {rank}.',
    'game.you': '(du)',
    'welcome.lead': 'Such dir ein laufendes Event aus und spiel mit.',

    'board.title': 'Live-Top {count}',
    'board.eventTitle': '{title} – Live-Top {count}',
    'board.rank': 'Platz',
    'board.player': 'Spieler',
    'board.score': 'Punkte',
    'board.empty': 'Noch keine Punkte – mach den Anfang!',
    'standings.title': 'Vollständige Rangliste',
    'standings.season': 'Saison',
    'standings.current': '{season} (laufend)',
    'standings.previous': 'Vorherige {count}',
    'standings.next': 'Nächste {count}',
    'standings.range': '{from}–{to} von {total}',
    'standings.none': '0 von {total}',
    'standings.amended': '(nach einer Prüfung geändert)',

    'events.title': 'Events',
    'events.live': 'Jetzt live',
    'events.scheduled': 'Demnächst',
    'events.closed': 'Beendet',
    'events.none': 'Noch keine Events.',
    'events.players': { one: '{count} spielt mit', other: '{count} spielen mit' },
    'events.leaders': 'Spitzenreiter',
    'events.noScores': 'Noch keine Punkte',
    'events.winner': 'Sieg: {name}',
    'events.wonBy': 'gewonnen von {name}',
    'events.results': 'Ergebnisse',
    'events.mainTitle': 'Hauptrangliste',

    'meta.live': 'Läuft',
    'meta.startsSoon': 'Beginnt bald',
    'meta.starts': 'Beginnt {when}',
    'meta.finished': 'Beendet',
    'meta.season': 'Saison {season}',
    'meta.nextSeason': 'nächste Saison {when}',
    'meta.ends': 'endet {when}',

    'time.now': 'jetzt',
    'time.seconds': 'in {count} s',
    'time.minutes': 'in {count} Min.',
    'time.hoursMinutes': 'in {hours} Std. {minutes} Min.',
    'time.days': { one: 'in {count} Tag', other: 'in {count} Tagen' },
    'wait.seconds': { one: '{count} Sekunde', other: '{count} Sekunden' },
    'wait.minutes': { one: '{count} Minute', other: '{count} Minuten' },

    'error.generic': 'Etwas ist schiefgelaufen.',
    'error.notConnected': 'Keine Verbindung. Bitte warte kurz und versuch es dann noch einmal.',
    'error.rateLimited': 'Zu viele Versuche. Bitte warte kurz und versuch es dann noch einmal.',
    'error.rateLimitedWait': 'Zu viele Versuche. Versuch es in {wait} noch einmal.',
    'error.otpInvalid': 'Dieser Code stimmt nicht.',
    'error.triesLeft': { one: 'Noch {count} Versuch.', other: 'Noch {count} Versuche.' },
    'error.otpExpired': 'Dieser Code ist abgelaufen. Fordere einen neuen an und versuch es noch einmal.',
    'error.tooManyAttempts': 'Zu viele falsche Codes. Fordere einen neuen Code an und gib diesen ein.',
    'error.badCredentials': 'E-Mail-Adresse oder Passwort stimmt nicht.',
    'error.notVerified': 'Deine E-Mail-Adresse ist noch nicht bestätigt. Gib den Code ein, den wir dir geschickt haben.',
    'error.suspended': 'Dein Konto ist gesperrt. Bitte wende dich an die Veranstalter.',
    'error.sessionInvalid': 'Deine Sitzung ist abgelaufen. Bitte melde dich erneut an.',
    'error.notAuthenticated': 'Bitte melde dich zuerst an.',
    'error.challengeUnknown': 'Dieser Klick wurde nicht angenommen. Bitte drück noch einmal.',
    'error.challengeUsed': 'Dieser Klick wurde schon gezählt.',
    'error.tooFast': 'Nicht so schnell!',
    'error.challengeExpired': 'Das hat zu lange gedauert. Bitte drück noch einmal.',
    'error.forbidden': 'Das ist mit deinem Konto nicht erlaubt.',
    'error.notFound': 'Das gibt es nicht.',
    'error.conflict': 'Das ist bereits erledigt.',
    'error.internal': 'Der Server hatte ein Problem. Bitte versuch es noch einmal.',
    'error.unsupported': 'Das kann dieser Server noch nicht.',
    'error.network': 'Die Verbindung ist abgerissen. Verbinde neu…',
    'error.eventUnknown': 'Dieses Event gibt es nicht.',
    'error.eventNotLive': 'Dieses Event läuft gerade nicht.',
    'error.actionUnknown': 'Diese Aktion gibt es in diesem Event nicht.',
    'error.seasonUnknown': 'Diese Saison gibt es nicht.',

    'server.passwordShort': 'Das Passwort muss mindestens {count} Zeichen lang sein.',
    'server.passwordLong': 'Das Passwort darf höchstens {count} Zeichen lang sein.',
    'server.passwordCommon': 'Dieses Passwort wird zu häufig verwendet. Bitte wähl ein anderes.',
    'server.passwordEmail': 'Das Passwort darf nicht deine E-Mail-Adresse sein.',
    'server.passwordEmailName': 'Das Passwort darf nicht der Namensteil deiner E-Mail-Adresse sein.',
    'server.passwordName': 'Das Passwort darf nicht dein Anzeigename sein.',
    'server.emailInvalid': 'Das ist keine gültige E-Mail-Adresse.',
    'server.nameLength': 'Der Anzeigename muss {min} bis {max} Zeichen lang sein.',
    'server.nameCharacters': 'Der Anzeigename enthält Zeichen, die nicht erlaubt sind.',

    'screen.title': 'Scoreboard – Großbildschirm',
    'screen.standings': 'Rangliste',
    'screen.empty': 'Noch keine Punkte',
    'screen.qr': 'QR-Code: mit dem Handy mitspielen',
    'screen.final': 'Endstand',
    'screen.noSuchEvent': 'Event nicht gefunden',
  },
};

// ---------------------------------------------------------------------------------------------
// The language

let current = DEFAULT_LANGUAGE;
let locale = DEFAULT_LANGUAGE; // for Intl: the browser's own tag when it is of this language
const listeners = [];

function supported(tag) {
  const lang = String(tag || '').toLowerCase().split('-')[0];
  return Object.hasOwn(catalogues, lang) ? lang : null;
}

/// The language to show: `?lang=` first, then the one chosen in the page (saved), then the
/// browser's languages in their order, else English.
export function chooseLanguage({ query, saved, languages = [] } = {}) {
  return supported(query) ?? supported(saved) ?? languages.map(supported).find(Boolean) ?? DEFAULT_LANGUAGE;
}

export function language() {
  return current;
}

export function intlLocale() {
  return locale;
}

function browserLanguages() {
  return typeof navigator === 'undefined' ? [] : (navigator.languages?.length ? navigator.languages : [navigator.language]);
}

function savedLanguage(value) {
  try {
    if (value === undefined) return localStorage.getItem(STORAGE_KEY);
    localStorage.setItem(STORAGE_KEY, value);
  } catch {
    // Storage blocked: the choice lasts for this visit.
  }
  return null;
}

/// Picks the language from the address, the saved choice and the browser, and translates the
/// page. Call once, before the page renders anything.
export function initLanguage() {
  const query = new URLSearchParams(location.search).get('lang');
  setLanguage(chooseLanguage({ query, saved: savedLanguage(), languages: browserLanguages() }));
}

/// Switches the page to `lang` (saved for later visits when `save`), re-translating everything
/// marked with data-i18n* and every text given to bind().
export function setLanguage(lang, { save = false } = {}) {
  current = supported(lang) ?? DEFAULT_LANGUAGE;
  locale = browserLanguages().find((tag) => supported(tag) === current) ?? current;
  plurals = new Intl.PluralRules(locale);
  numbers = new Intl.NumberFormat(locale);
  if (save) savedLanguage(current);
  if (typeof document === 'undefined') return;
  document.documentElement.lang = current;
  translate(document);
  refresh(document, { force: true });
  for (const listener of listeners) listener(current);
}

export function onLanguageChange(listener) {
  listeners.push(listener);
}

// ---------------------------------------------------------------------------------------------
// Texts

let plurals = new Intl.PluralRules(DEFAULT_LANGUAGE);
let numbers = new Intl.NumberFormat(DEFAULT_LANGUAGE);

export function formatNumber(n) {
  return numbers.format(n);
}

export function formatDateTime(iso) {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit',
  }).format(new Date(iso));
}

function lookup(key, count) {
  const entry = catalogues[current][key] ?? catalogues[DEFAULT_LANGUAGE][key];
  if (entry === undefined) return key;
  if (typeof entry === 'string') return entry;
  return entry[typeof count === 'number' ? plurals.select(count) : 'other'] ?? entry.other;
}

// The text split at its {placeholders}: ['Hello, ', {name: 'name'}].
function parts(text) {
  return text.split(/(\{[a-zA-Z]+\})/).filter(Boolean)
    .map((part) => (/^\{[a-zA-Z]+\}$/.test(part) ? { name: part.slice(1, -1) } : part));
}

function valueText(value) {
  return typeof value === 'number' ? formatNumber(value) : String(value ?? '');
}

/// The text of `key` in the current language, its {placeholders} filled from `params`
/// (numbers formatted for the language; `count` also picks the plural form).
export function t(key, params = {}) {
  return parts(lookup(key, params.count))
    .map((part) => (typeof part === 'string' ? part : valueText(params[part.name]))).join('');
}

/// Like t(), but a parameter may be a DOM node (e.g. <strong>), placed where the language puts
/// it; returns the nodes.
export function tNodes(key, params = {}) {
  return parts(lookup(key, params.count)).map((part) => {
    if (typeof part === 'string') return document.createTextNode(part);
    const value = params[part.name];
    return value instanceof Node ? value : document.createTextNode(valueText(value));
  });
}

// ---------------------------------------------------------------------------------------------
// The page

const ATTRIBUTES = ['aria-label', 'placeholder', 'title', 'alt'];

/// Translates the static texts under `root`: data-i18n="key" sets the element's text, and
/// data-i18n-aria-label, -placeholder, -title, -alt set those attributes.
export function translate(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const attribute of ATTRIBUTES) {
    for (const el of root.querySelectorAll(`[data-i18n-${attribute}]`))
      el.setAttribute(attribute, t(el.getAttribute(`data-i18n-${attribute}`)));
  }
}

const renders = new WeakMap(); // element -> () => text or nodes

function render(el, { force }) {
  const content = renders.get(el)?.();
  if (content === undefined) return;
  if (typeof content === 'string') {
    if (content !== el.textContent) el.textContent = content;
  } else if (force || content.map((node) => node.textContent).join('') !== el.textContent) {
    el.replaceChildren(...content);
  }
}

/// Shows what `content` (a function returning a text or nodes) says in `el`, now and whenever
/// the language changes or refresh() runs (the page runs it every second, for countdowns).
/// `null` empties the element.
export function bind(el, content) {
  if (content) {
    renders.set(el, content);
    el.setAttribute('data-i18n-bound', '');
    render(el, { force: true });
  } else {
    renders.delete(el);
    el.removeAttribute('data-i18n-bound');
    el.textContent = '';
  }
  return el;
}

/// Renders again every text under `root` given to bind(); unchanged texts are left alone.
export function refresh(root, { force = false } = {}) {
  for (const el of root.querySelectorAll('[data-i18n-bound]')) render(el, { force });
}

/// A language select (<select>): lists LANGUAGES, shows the current one, switches and saves.
export function languageSelect(select) {
  select.replaceChildren(...Object.entries(LANGUAGES).map(([code, name]) => {
    const option = document.createElement('option');
    option.value = code;
    option.lang = code;
    option.textContent = name;
    return option;
  }));
  select.value = current;
  onLanguageChange((lang) => { select.value = lang; });
  select.addEventListener('change', () => {
    // A chosen language outlives ?lang= in the address.
    const url = new URL(location.href);
    if (url.searchParams.has('lang')) {
      url.searchParams.delete('lang');
      history.replaceState(null, '', url);
    }
    setLanguage(select.value, { save: true });
  });
}
