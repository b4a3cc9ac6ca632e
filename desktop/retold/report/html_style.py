"""The HTML report's stylesheet: readable on screen, in print and in grayscale.

Kinds differ by label and border style as well as colour; deleted words are struck through and
inserted words underlined, so a black-and-white printout still tells them apart.
"""

from __future__ import annotations

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 15px/1.5 "Segoe UI", "DejaVu Sans", Helvetica, Arial, sans-serif; color: #1d1d1f;
  margin: 0 auto; padding: 24px; max-width: 1280px; background: #fff; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 20px 0 8px; }
.generated { color: #555; margin: 0 0 16px; }
.sources { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.source { border: 1px solid #ccc; border-radius: 6px; padding: 8px 12px; }
.source h2 { margin-top: 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
dl.facts dt { color: #555; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.hash { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 12px;
  white-space: nowrap; overflow-wrap: normal; font-variant-ligatures: none; }
dl.hashes { margin-top: 8px; }
.stats { display: flex; flex-wrap: wrap; gap: 8px; margin: 0; padding: 0; list-style: none; }
.stats li { border: 1px solid #ccc; border-radius: 6px; padding: 4px 10px; }
.stats b { display: block; font-size: 18px; }
.options { color: #555; font-size: 13px; }
.legend ul { list-style: none; padding: 0; margin: 0; display: grid;
  grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 4px 16px; }
.legend li { padding: 2px 8px; }
table.alignment { width: 100%; border-collapse: collapse; margin-top: 12px; table-layout: fixed; }
table.alignment th { text-align: left; border-bottom: 2px solid #333; padding: 4px 8px;
  background: #f4f4f4; }
table.alignment td { vertical-align: top; padding: 6px 8px; border-bottom: 1px solid #ddd;
  overflow-wrap: anywhere; }
col.num { width: 3em; } col.kind { width: 10em; }
td.num { color: #777; text-align: right; }
.where { display: block; color: #666; font-size: 12px; }
.label { font-weight: 600; display: block; }
.sim, .moved-note, .bp-note { display: block; font-size: 12px; color: #444; }
.moved-note { font-weight: 600; }
.model-note { display: block; font-size: 12px; color: #444; font-style: italic; }
.manual-note { display: inline-block; font-size: 12px; font-weight: 600; color: #5b2c83;
  border: 1px solid #5b2c83; border-radius: 3px; padding: 0 4px; margin-top: 2px; }
tr.manual td.kind { box-shadow: inset -4px 0 0 #5b2c83; }
tr.row > td:first-child { border-left: 5px solid #999; }
tr.kind-identical > td:first-child { border-left: 5px solid #9e9e9e; }
tr.kind-edited > td:first-child { border-left: 5px dashed #c88a00; }
tr.kind-reworded > td:first-child { border-left: 5px dotted #2a62c9; }
tr.kind-added > td:first-child { border-left: 5px double #1e8a3a; }
tr.kind-removed > td:first-child { border-left: 5px double #c62828; }
tr.kind-edited .label { color: #8a5d00; }
tr.kind-reworded .label { color: #1f4fa8; }
tr.kind-added .label { color: #17692c; }
tr.kind-removed .label { color: #a32020; }
tr.kind-added td.rewrite { background: #eaf6ec; }
tr.kind-removed td.original { background: #fbeaea; }
tr.kind-reworded td.side { background: #eef3fc; }
del.change { background: #fbd3d3; text-decoration: line-through; }
ins.change { background: #cdeecf; text-decoration: underline; }
/* Reworded rows share few words: striking out all the others would bury the text. */
tr.kind-reworded del.change, tr.kind-reworded ins.change { text-decoration: none;
  background: #d9e3f6; }
tr.moved td.num { font-weight: 700; }
tr.furniture > td:first-child { border-left: 5px solid #d0d0d0; }
tr.furniture .label { color: #555; }
tr.boilerplate { opacity: 0.55; }
tr.boilerplate .side { font-style: italic; }
.swatch { display: inline-block; width: 2.2em; height: 1em; vertical-align: middle;
  border-left: 5px solid #999; margin-right: 6px; }
.swatch.kind-identical { border-left: 5px solid #9e9e9e; }
.swatch.kind-edited { border-left: 5px dashed #c88a00; }
.swatch.kind-reworded { border-left: 5px dotted #2a62c9; background: #eef3fc; }
.swatch.kind-added { border-left: 5px double #1e8a3a; background: #eaf6ec; }
.swatch.kind-removed { border-left: 5px double #c62828; background: #fbeaea; }
.empty { color: #999; }
.warning { border: 1px solid #d9a400; background: #fff6d6; border-radius: 6px; padding: 6px 10px;
  margin: 6px 0; }
.verbatim, .furniture, .facts { margin: 6px 0; }
dl.how { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
dl.how dt { font-weight: 600; } dl.how dd { margin: 0; }
.fact { display: block; font-size: 12px; font-weight: 600; color: #7a3e00; }
.fact-mark { color: #7a3e00; font-weight: 700; }
tr.has-facts > td.num { color: #7a3e00; font-weight: 700; }
@page { margin: 16mm 12mm 18mm; }
@media print {
  body { padding: 0; max-width: none; font-size: 10.5pt; }
  thead { display: table-header-group; }
  tr.row { break-inside: avoid; page-break-inside: avoid; }
  .source, .stats li { break-inside: avoid; }
  h2, p.options { break-after: avoid; page-break-after: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
