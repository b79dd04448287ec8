'use strict';
const zlib = require('zlib');
// Image-only PDF writer: each page = one image XObject drawn to fill the MediaBox. No fonts, no text.
function writePDF(pages) {
  const objs = []; const N = 2 + pages.length * 3; const kids = [];
  pages.forEach((pg, i) => { const po = 3 + 3 * i, co = po + 1, io = po + 2; kids.push(po + ' 0 R');
    const W = pg.wPt.toFixed(2), H = pg.hPt.toFixed(2); const rot = pg.rotate ? ' /Rotate ' + pg.rotate : '';
    // image drawn unrotated into MediaBox sized to the stored image
    objs[po] = Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${W} ${H}]${rot} /Resources << /XObject << /Im${i} ${io} 0 R >> >> /Contents ${co} 0 R >>`);
    const content = Buffer.from(`q ${W} 0 0 ${H} 0 0 cm /Im${i} Do Q\n`);
    objs[co] = Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`), content, Buffer.from('\nendstream')]);
    const im = pg.img; let dict = `<< /Type /XObject /Subtype /Image /Width ${im.w} /Height ${im.h} /ColorSpace /${im.cs} /BitsPerComponent ${im.bpc}`;
    if (im.filter === 'DCT') dict += ' /Filter /DCTDecode'; else if (im.filter === 'CCITT') dict += ` /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns ${im.w} /Rows ${im.h} /EndOfBlock true >>`; else dict += ' /Filter /FlateDecode';
    dict += ` /Length ${im.data.length} >>\nstream\n`; objs[io] = Buffer.concat([Buffer.from(dict), im.data, Buffer.from('\nendstream')]); });
  objs[1] = Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'); objs[2] = Buffer.from(`<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages.length} >>`);
  const parts = [Buffer.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n', 'latin1')]; let off = parts[0].length; const offs = [];
  for (let i = 1; i <= N; i++) { offs[i] = off; const b = Buffer.concat([Buffer.from(`${i} 0 obj\n`), objs[i], Buffer.from('\nendobj\n')]); parts.push(b); off += b.length; }
  let xref = `xref\n0 ${N + 1}\n0000000000 65535 f \n`; for (let i = 1; i <= N; i++) xref += String(offs[i]).padStart(10, '0') + ' 00000 n \n';
  parts.push(Buffer.from(xref + `trailer\n<< /Size ${N + 1} /Root 1 0 R >>\nstartxref\n${off}\n%%EOF\n`));
  return Buffer.concat(parts);
}
// Verification: parse via startxref/xref, count pages from the page tree, confirm images only.
function checkPDF(buf) {
  const s = buf.toString('latin1'); const sx = s.lastIndexOf('startxref'); if (sx < 0) throw new Error('no startxref'); const xo = parseInt(s.slice(sx + 9).trim(), 10);
  if (s.slice(xo, xo + 4) !== 'xref') throw new Error('xref offset wrong'); const lines = s.slice(xo).split('\n'); const [first, count] = lines[1].split(' ').map(Number);
  const offs = {}; for (let i = 0; i < count; i++) { const e = lines[2 + i]; if (e.length !== 19 && e.length !== 20) throw new Error('xref entry length'); if (e[17] === 'n') offs[first + i] = parseInt(e.slice(0, 10), 10); }
  const getObj = (n) => { const o = offs[n]; const hdr = `${n} 0 obj`; if (s.slice(o, o + hdr.length) !== hdr) throw new Error('object ' + n + ' not at xref offset'); const end = s.indexOf('endobj', o); return s.slice(o + hdr.length, end); };
  const tr = s.slice(s.lastIndexOf('trailer')); const root = +/\/Root (\d+) 0 R/.exec(tr)[1]; const cat = getObj(root); const pagesRef = +/\/Pages (\d+) 0 R/.exec(cat)[1];
  const pageObjs = []; const walk = (n) => { const o = getObj(n); if (/\/Type \/Pages/.test(o)) { const kids = /\/Kids \[([^\]]*)\]/.exec(o)[1].match(/(\d+) 0 R/g).map(k => +k.split(' ')[0]); kids.forEach(walk); } else if (/\/Type \/Page\b/.test(o)) pageObjs.push(n); };
  walk(pagesRef); const countDecl = +/\/Count (\d+)/.exec(getObj(pagesRef))[1];
  const info = pageObjs.map(n => { const o = getObj(n); if (/\/Font/.test(o)) throw new Error('font resource on page'); const c = getObj(+/\/Contents (\d+) 0 R/.exec(o)[1]); const st = c.slice(c.indexOf('stream\n') + 7, c.lastIndexOf('endstream'));
    if (/\bBT\b|\bTj\b|\bTJ\b/.test(st)) throw new Error('text operators in content'); const im = getObj(+/\/XObject << \/Im\d+ (\d+) 0 R/.exec(o)[1]); if (!/\/Subtype \/Image/.test(im)) throw new Error('xobject not image');
    const len = +/\/Length (\d+)/.exec(im)[1]; const so = im.indexOf('stream\n') + 7; if (im.slice(so + len, so + len + 10) !== '\nendstream') throw new Error('stream length mismatch');
    const mb = /\/MediaBox \[([^\]]*)\]/.exec(o)[1].split(' ').map(Number); const rot = /\/Rotate (\d+)/.exec(o); return { mediaBox: mb, rotate: rot ? +rot[1] : 0, filter: /\/Filter \/(\w+)/.exec(im)[1] }; });
  if (countDecl !== pageObjs.length) throw new Error('page count mismatch'); if (/\/Font|\bBT\b/.test(s.replace(/stream\n[\s\S]*?\nendstream/g, ''))) throw new Error('text object found');
  return { pages: pageObjs.length, info };
}
module.exports = { writePDF, checkPDF };
