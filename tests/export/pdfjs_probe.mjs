// What pdf.js itself sees in PDFs: its fingerprint and each page's text as
// Hypothesis's client reads it (src/annotator/anchoring/pdf.ts,
// getPageTextContent: the text items of a page joined without separator).
//
//   node pdfjs_probe.mjs PDFJS_MODULE FILE.pdf...
//
// PDFJS_MODULE is the path of pdfjs-dist's legacy/build/pdf.mjs. Prints one
// JSON list: [{file, fingerprints, pages: [text, ...]}, ...].
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";

const [moduleFile, ...files] = process.argv.slice(2);
const pdfjs = await import(pathToFileURL(moduleFile).href);
const out = [];
for (const file of files) {
  const data = new Uint8Array(await readFile(file));
  const doc = await pdfjs.getDocument({ data, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    pages.push(content.items.map((it) => it.str ?? "").join(""));
  }
  out.push({ file, fingerprints: doc.fingerprints, pages });
  await doc.destroy();
}
process.stdout.write(JSON.stringify(out));
