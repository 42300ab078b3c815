/* The site's search worker (Material for MkDocs' worker protocol: SETUP 0, READY 1, QUERY 2, RESULT 3).
 *
 * The index (written by guideline/site/search_index.py) holds plain text, a vocabulary and synonyms.
 * A query is cut into words with that vocabulary (fewest words; the same cut as search_index.query_words);
 * a page matches a word when its text contains the word or one of its synonyms. Pages that contain
 * every word come first; then word weight (rarer words count more), title matches, the whole query
 * as a phrase, and the page's boost (procedures before cases and lists). Nothing leaves the device. */
"use strict";

const HAN = /[\u3400-\u9fff]+/g;
let pages = [];        // [{article, sections, boost}]
let words = new Set();
let longest = 1;
let synonyms = {};
let separator = /\s+/;

function setup(index) {
  words = new Set(index.config.words || []);
  longest = Math.max(1, ...[...words].map(w => w.length));
  synonyms = index.config.synonyms || {};
  separator = new RegExp(index.config.separator, "g");
  const byPage = new Map();
  for (const doc of index.docs) {
    const [page] = doc.location.split("#");
    if (!byPage.has(page)) byPage.set(page, { article: null, sections: [], boost: 1 });
    const entry = byPage.get(page);
    const item = { ...doc, hay: `${doc.title} ${doc.text}`.toLowerCase(), titleLow: doc.title.toLowerCase() };
    if (doc.location === page) { entry.article = item; entry.boost = doc.boost || 1; }
    else entry.sections.push(item);
  }
  pages = [...byPage.values()].filter(p => p.article);
  for (const p of pages) p.hay = [p.article, ...p.sections].map(d => d.hay).join("\n");
}

/* Fewest pieces; among equals, fewest single characters. */
function cut(run) {
  const best = [[0, 0, 0]];
  for (let end = 1; end <= run.length; end++) {
    best.push([1 << 30, 0, 0]);
    for (let start = Math.max(0, end - longest); start < end; start++) {
      const piece = run.slice(start, end);
      if (end - start > 1 && !words.has(piece)) continue;
      const cost = [best[start][0] + 1, best[start][1] + (end - start === 1 ? 1 : 0), start];
      if (cost[0] < best[end][0] || (cost[0] === best[end][0] && cost[1] < best[end][1])) best[end] = cost;
    }
  }
  const pieces = [];
  for (let end = run.length; end > 0; end = best[end][2]) pieces.unshift(run.slice(best[end][2], end));
  return pieces;
}

function queryWords(query) {
  const out = [];
  for (const part of query.toLowerCase().split(separator)) {
    let pos = 0;
    for (const m of part.matchAll(HAN)) {
      out.push(...part.slice(pos, m.index).split(/\s+/).filter(Boolean), ...cut(m[0]));
      pos = m.index + m[0].length;
    }
    out.push(...part.slice(pos).split(/\s+/).filter(Boolean));
  }
  return [...new Set(out)];
}

function count(hay, word) {
  let n = 0;
  for (let i = hay.indexOf(word); i !== -1; i = hay.indexOf(word, i + word.length)) n++;
  return n;
}

function escapeHTML(s) {
  return s.replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

/* Escaped text with every form of every word marked. */
function mark(text, forms) {
  if (!forms.length) return escapeHTML(text);
  const pattern = new RegExp(forms.map(f => f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).sort((a, b) => b.length - a.length).join("|"), "gi");
  let out = "", last = 0;
  for (const m of text.matchAll(pattern)) {
    out += escapeHTML(text.slice(last, m.index)) + "<mark>" + escapeHTML(m[0]) + "</mark>";
    last = m.index + m[0].length;
  }
  return out + escapeHTML(text.slice(last));
}

/* About 120 characters around the first match. */
function snippet(text, forms) {
  const low = text.toLowerCase();
  const at = Math.min(...forms.map(f => low.indexOf(f)).filter(i => i >= 0), text.length);
  const start = at === text.length ? 0 : Math.max(0, at - 30);
  const piece = text.slice(start, start + 120);
  return (start > 0 ? "…" : "") + mark(piece, forms) + (start + 120 < text.length ? "…" : "");
}

function search(query) {
  const terms = queryWords(query);
  if (!terms.length) return { items: [] };
  const forms = terms.map(t => [t, ...(synonyms[t] || []).map(s => s.toLowerCase())]);
  const allForms = forms.flat();
  const df = forms.map(fs => pages.filter(p => fs.some(f => p.hay.includes(f))).length);
  const idf = df.map(n => Math.log(1 + pages.length / (n + 0.5)));
  const phrase = query.toLowerCase().replace(separator, "");
  const results = [];
  for (const p of pages) {
    const matched = forms.map(fs => fs.some(f => p.hay.includes(f)));
    const hits = matched.filter(Boolean).length;
    if (!hits) continue;
    const docs = [p.article, ...p.sections].map(d => {
      let score = 0;
      forms.forEach((fs, i) => {
        const tf = fs.reduce((n, f) => n + count(d.hay, f), 0);
        const inTitle = fs.some(f => d.titleLow.includes(f));
        score += idf[i] * (tf / (tf + 1.2) + (inTitle ? 2 : 0));
      });
      if (phrase.length > 1 && terms.length > 1 && d.hay.includes(phrase)) score *= 1.5;
      return { doc: d, score };
    });
    let score = 0;
    forms.forEach((fs, i) => {
      if (!matched[i]) return;
      const tf = fs.reduce((n, f) => n + count(p.hay, f), 0);
      score += idf[i] * (tf / (tf + 2) + (fs.some(f => p.article.titleLow.includes(f)) ? 3 : 0));
    });
    score += Math.max(...docs.map(d => d.score)) * 0.5;
    if (phrase.length > 1 && terms.length > 1 && p.hay.includes(phrase)) score *= 1.5;
    results.push({ p, docs, hits, score: score * p.boost });
  }
  results.sort((a, b) => b.hits - a.hits || b.score - a.score);
  const items = results.map(({ p, docs, hits }) => {
    const present = Object.fromEntries(terms.map((t, i) => [t, forms[i].some(f => p.hay.includes(f))]));
    return docs
      .filter(d => d.doc === p.article || d.score > 0)
      .sort((a, b) => (b.doc === p.article) - (a.doc === p.article) || b.score - a.score)
      .map(({ doc, score }) => ({
        location: doc.location,
        title: mark(doc.title, allForms),
        text: doc === p.article && hits ? snippet(doc.text, allForms) : snippet(doc.text, allForms),
        score: doc === p.article ? Math.max(score, ...docs.map(d => d.score)) : score,
        terms: present,
      }));
  });
  return { items };
}

addEventListener("message", ev => {
  const message = ev.data;
  if (message.type === 0) {
    setup(message.data);
    postMessage({ type: 1 });
  } else if (message.type === 2) {
    postMessage({ type: 3, data: search(message.data) });
  }
});
