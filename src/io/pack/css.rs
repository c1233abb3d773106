//! The pack's style, inlined into the page so the file stands alone.
//!
//! On paper: A4 portrait, every page marked OFFICIAL-SENSITIVE and numbered;
//! tables take the full width with fixed column shares (`table-layout:
//! fixed`), so they can never run off the page, and long words wrap inside
//! their cell; wide tables are set smaller; table headers repeat on each
//! page, rows are not split across pages, and a child's heading stays with
//! their details. The board report's charts (inline SVG) scale to the
//! column and are never split across pages. On screen: the same, in a readable column. Urgent words
//! are in capitals and bold, so nothing rests on colour.

pub const CSS: &str = r#"@page {
  size: A4;
  margin: 14mm 12mm 14mm 12mm;
  @top-right { content: "OFFICIAL-SENSITIVE"; font: bold 7.5pt "DejaVu Sans", Arial, sans-serif; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 7.5pt "DejaVu Sans", Arial, sans-serif; }
}
* { box-sizing: border-box; }
html {
  font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif;
  font-size: 11pt;
  line-height: 1.35;
  color: #111;
  background: #fff;
}
body { margin: 0 auto; max-width: 62rem; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.7em; margin: 0 0 0.4em; }
h2 {
  font-size: 1.3em;
  margin: 1.4em 0 0.4em;
  padding-bottom: 0.15em;
  border-bottom: 2px solid #333;
  break-after: avoid;
  page-break-after: avoid;
}
h3 { font-size: 1.15em; margin: 0 0 0.3em; }
h4 { font-size: 1em; margin: 0.9em 0 0.25em; break-after: avoid; page-break-after: avoid; }
p { margin: 0.3em 0 0.6em; }
strong { font-weight: bold; color: #8a0000; }
.mono {
  font-family: "DejaVu Sans Mono", "Liberation Mono", Consolas, monospace;
  font-stretch: normal;
  white-space: nowrap;
}
dl.facts { margin: 0.3em 0 0.8em; }
dl.facts > div {
  display: grid;
  grid-template-columns: 12em minmax(0, 1fr);
  column-gap: 0.8em;
  padding: 0.1em 0;
  border-bottom: 1px solid #ddd;
  break-inside: avoid;
  page-break-inside: avoid;
}
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
table {
  width: 100%;
  table-layout: fixed;
  font-family: "DejaVu Sans Condensed", "Liberation Sans Narrow", "Arial Narrow", "DejaVu Sans", Arial, sans-serif;
  font-stretch: condensed;
  border-collapse: collapse;
  margin: 0.3em 0 0.9em;
  font-size: 0.85em;
}
table.wide { font-size: 0.8em; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td {
  border: 1px solid #777;
  padding: 0.2em 0.35em;
  text-align: left;
  vertical-align: top;
  overflow-wrap: anywhere;
}
th { background: #e6e6e6; font-weight: bold; }
.num { text-align: right; }
p.empty { font-style: italic; }
figure.chart { margin: 0.4em 0 0.3em; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { display: block; width: 100%; max-width: 100%; height: auto; }
section.child { margin-top: 1.6em; padding-top: 0.5em; border-top: 3px double #333; }
.child-head { break-inside: avoid; page-break-inside: avoid; }
@media print {
  html { font-size: 9.5pt; }
  body { max-width: none; padding: 0; }
  table { font-size: 8pt; }
  table.wide { font-size: 7.5pt; }
  h2 { margin-top: 1em; }
  section.child { break-before: auto; }
}
"#;
