// The page's catalogue (server/web/i18n.js) against the page's sources: every language has every
// English key, none empty, with the same {placeholders} and plural forms; every key the page uses
// (t('…'), tNodes('…'), data-i18n*="…" in the HTML, dataset.i18n* = '…') is in the catalogue, and
// every key in it is used; the HTML's own text is the English one. No browser, no server.
// Run: node --test catalogue.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { catalogues, LANGUAGES, DEFAULT_LANGUAGE, chooseLanguage, setLanguage, t } from '../../server/web/i18n.js';

const web = fileURLToPath(new URL('../../server/web/', import.meta.url));
// The page's files, but the catalogue's own module (which looks keys up by their name).
const sources = readdirSync(web).filter((f) => /\.(js|html)$/.test(f) && f !== 'i18n.js')
  .map((name) => ({ name, text: readFileSync(web + name, 'utf8') }));
const en = catalogues[DEFAULT_LANGUAGE];

const placeholders = (text) => [...text.matchAll(/\{([a-zA-Z]+)\}/g)].map((m) => m[1]).sort();
// A catalogue entry as {form: text}: one form 'text' for a plain string.
const forms = (entry) => (typeof entry === 'string' ? { text: entry } : entry);

// The keys the page uses, each with where: [key, 'app.js'].
function usedKeys() {
  const used = [];
  for (const { name, text } of sources) {
    const add = (key) => used.push([key, name]);
    if (name.endsWith('.js')) {
      for (const m of text.matchAll(/\b(?:t|tNodes)\(\s*(['"])([^'"]+)\1/g)) add(m[2]);
      for (const m of text.matchAll(/\.dataset\.i18n\w*\s*=\s*([^;\n]+)/g))
        for (const literal of m[1].matchAll(/'([^']+)'/g)) add(literal[1]);
    } else {
      for (const m of text.matchAll(/\sdata-i18n(?:-[a-z-]+)?="([^"]+)"/g)) add(m[1]);
    }
  }
  return used;
}

describe('page catalogue', () => {
  it('has every English text in every language, none empty, with the same placeholders', () => {
    const problems = [];
    for (const [lang, catalogue] of Object.entries(catalogues)) {
      assert.ok(LANGUAGES[lang], `${lang} has a name in LANGUAGES`);
      for (const [key, entry] of Object.entries(en)) {
        if (!(key in catalogue)) {
          problems.push(`${lang}: ${key} is missing`);
          continue;
        }
        const want = forms(entry);
        const got = forms(catalogue[key]);
        if (Object.keys(got).sort().join() !== Object.keys(want).sort().join()) {
          problems.push(`${lang}: ${key} has the forms ${Object.keys(got)}, English ${Object.keys(want)}`);
          continue;
        }
        for (const [form, text] of Object.entries(got)) {
          if (typeof text !== 'string' || !text.trim()) problems.push(`${lang}: ${key} (${form}) is empty`);
          else if (placeholders(text).join() !== placeholders(want[form]).join())
            problems.push(`${lang}: ${key} (${form}) has {${placeholders(text)}}, English {${placeholders(want[form])}}`);
        }
      }
      for (const key of Object.keys(catalogue)) if (!(key in en)) problems.push(`${lang}: ${key} is not an English key`);
    }
    assert.deepEqual(problems, []);
  });

  it('has every key the page uses, and uses every key it has', () => {
    const used = usedKeys();
    assert.ok(used.length > 100, `found ${used.length} uses`);
    assert.deepEqual(used.filter(([key]) => !(key in en)).map(([key, file]) => `${file}: ${key}`), []);
    const seen = new Set(used.map(([key]) => key));
    assert.deepEqual(Object.keys(en).filter((key) => !seen.has(key)), [], 'keys no page uses');
  });

  it('asks for texts by literal keys only', () => {
    // t(`x.${y}`) or t(name) would escape the checks above.
    const dynamic = [];
    for (const { name, text } of sources.filter((s) => s.name.endsWith('.js'))) {
      for (const m of text.matchAll(/\b(?:t|tNodes)\(\s*([^'"\s)])/g))
        dynamic.push(`${name}: ${text.slice(m.index, m.index + 40).split('\n')[0]}`);
    }
    assert.deepEqual(dynamic, []);
  });

  it('writes the English text in the HTML, for the moment before the script runs', () => {
    const problems = [];
    for (const { name, text } of sources.filter((s) => s.name.endsWith('.html'))) {
      for (const m of text.matchAll(/<(\w+)[^>]*\sdata-i18n="([^"]+)"[^>]*>([^<]*)</g)) {
        if (m[3] !== en[m[2]]) problems.push(`${name}: <${m[1]} data-i18n="${m[2]}"> says "${m[3]}", the catalogue "${en[m[2]]}"`);
      }
      for (const m of text.matchAll(/<\w+([^>]*)>/g)) {
        for (const a of m[1].matchAll(/\sdata-i18n-([a-z-]+)="([^"]+)"/g)) {
          const own = new RegExp(`\\s${a[1]}="([^"]*)"`).exec(m[1]);
          if (own && own[1] !== en[a[2]]) problems.push(`${name}: ${a[1]}="${own[1]}", the catalogue "${en[a[2]]}"`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('picks the language from ?lang=, the saved choice, then the browser', () => {
    assert.equal(chooseLanguage({ languages: ['de-AT', 'en'] }), 'de');
    assert.equal(chooseLanguage({ languages: ['fr-FR', 'de'] }), 'de');
    assert.equal(chooseLanguage({ languages: ['fr-FR', 'en-GB'] }), 'en');
    assert.equal(chooseLanguage({ languages: [] }), 'en');
    assert.equal(chooseLanguage({ saved: 'de', languages: ['en-US'] }), 'de');
    assert.equal(chooseLanguage({ query: 'en', saved: 'de', languages: ['de'] }), 'en');
    assert.equal(chooseLanguage({ query: 'xx', saved: 'de' }), 'de');
  });

  it('fills placeholders and picks plural forms for the language', () => {
    setLanguage('en');
    assert.equal(t('error.triesLeft', { count: 1 }), '1 try left.');
    assert.equal(t('error.triesLeft', { count: 4 }), '4 tries left.');
    assert.equal(t('events.players', { count: 1234 }), '1,234 playing');
    setLanguage('de');
    assert.equal(t('error.triesLeft', { count: 1 }), 'Noch 1 Versuch.');
    assert.equal(t('events.players', { count: 2 }), '2 spielen mit');
    assert.equal(t('events.players', { count: 1234 }), '1.234 spielen mit');
    assert.equal(t('game.overtaken', { name: 'Ayo', rank: 2 }), 'Ayo hat dich überholt – du bist jetzt auf Platz 2.');
    setLanguage('en');
  });
});
