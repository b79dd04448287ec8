'use strict';
const fs = require('fs'); const path = require('path'); const crypto = require('crypto');
const { Rng } = require('./prng'); const L = require('./layout'); const E = require('./effects'); const C = require('./content'); const { T, styles, ids } = require('./docs');
const { encodePNG } = require('./png'); const { encodeJPEG } = require('./jpeg'); const { writeTIFF } = require('./tiff'); const { writePDF } = require('./pdf'); const { encodeG4 } = require('./ccitt');
const OUT = path.join(__dirname, '..');
// [template, document_type, format, dpi, presets per page ('|' list, last repeats), extras, attach]
// formats: g4 g4be g3 tgrey-lzw tgrey-pb tgrey-defl trgb-none trgb-lzw tbw-pb tbw-none jgrey jrgb444 jrgb420 pgrey prgb ppal pdf
const PLAN = [
  ['dictated', 'referral_letter', 'g4', 300, 'light', 'stamp'],
  ['ers', 'referral_letter', 'jgrey', 300, 'clean', ''],
  ['proforma', 'referral_letter', 'pdf', 300, 'copy', 'annot,punch', 'lab'],
  ['system:EMIS', 'referral_letter', 'prgb', 200, 'light', 'hl,stamp'],
  ['soap', 'referral_letter', 'g3', 204, 'fax', 'faxhdr', 'appt'],
  ['terse', 'referral_letter', 'jgrey', 300, 'typew', 'paper:pink,staple', null, { size: 'A5' }],
  ['demog', 'referral_letter', 'tgrey-lzw', 300, 'clean', '', null, { twoPage: true }],
  ['dictated', 'referral_letter', 'pdf', 200, 'copy2', 'streaks', null, { twoPage: true }],
  ['system:SystmOne', 'referral_letter', 'jrgb420', 300, 'light', 'coffee,annot'],
  ['proforma', 'referral_letter', 'g4be', 400, 'clean', 'halftone'],
  ['ers', 'referral_letter', 'tbw-pb', 300, 'copy', 'bleed'],
  ['slipLetter', 'referral_letter', 'pdf', 300, 'light|clean', 'stamp', null, { pdfKinds: 'jrgb444|jgrey' }],
  ['dictated', 'referral_letter', 'ppal', 150, 'pencil', 'paper:blue'],
  ['system:Vision', 'referral_letter', 'tgrey-defl', 300, 'light|copy', 'fold', 'contsheet'],
  ['terse', 'referral_letter', 'g4', 300, 'dotmx', 'rot:180', null, { size: 'Letter' }],
  ['soap', 'referral_letter', 'pdf', 300, 'light|clean', 'hl,annot', 'lab', { pdfKinds: 'jrgb444|jgrey' }],
  ['demog', 'referral_letter', 'pdf', 300, 'copy', 'stamp,punch', null, { pdfKinds: 'ccitt|ccitt' , twoPage: true }],
  ['dictated', 'referral_letter', 'pgrey', 300, 'clean', ''],
  ['ers', 'referral_letter', 'pdf', 300, 'light|clean', 'rotatepdf', 'appt', { pdfKinds: 'jgrey|flate', sizes: 'Letter|A4' }],
  ['proforma', 'referral_letter', 'jgrey', 200, 'copy2', 'annot'],
  ['system:EMIS', 'referral_letter', 'g4', 300, 'copy', 'rot:90'],
  ['dictated', 'referral_letter', 'tgrey-pb', 400, 'light', 'bleed,staple', 'lab'],
  ['soap', 'referral_letter', 'g3', 204, 'faxhard', 'faxhdr'],
  ['terse', 'referral_letter', 'jrgb420', 150, 'typew', 'paper:yellow,coffee'],
  ['slipLetter', 'referral_letter', 'g4', 300, 'light|clean|clean', 'stamp', null, { twoPage: true }],
  ['demog', 'referral_letter', 'jgrey', 300, 'clean', ''],
  ['system:SystmOne', 'referral_letter', 'trgb-lzw', 200, 'clean', 'stamp', 'contsheet'],
  ['dictated', 'referral_letter', 'pdf', 300, 'light|clean', 'halftone,annot', 'lab', { pdfKinds: 'jrgb420|jrgb420' }],
  ['ers', 'referral_letter', 'g4be', 300, 'dotmx', 'edge'],
  ['system:Vision', 'referral_letter', 'pgrey', 300, 'copy', 'rot:270'],
  ['proforma', 'referral_letter', 'trgb-none', 150, 'light', 'paper:green,hl'],
  ['dictated', 'referral_letter', 'jgrey', 300, 'pencil', 'fold,lighting', null, { lowq: true }],
  ['clinic', 'clinic_letter', 'jrgb444', 300, 'clean', 'halftone'],
  ['clinic', 'clinic_letter', 'g4', 300, 'copy2|copy', 'stamp,punch', 'lab'],
  ['clinic', 'clinic_letter', 'pdf', 200, 'clean', '', null, { pdfKinds: 'flate' }],
  ['clinic', 'clinic_letter', 'tgrey-lzw', 300, 'clean|light', '', 'appt'],
  ['discharge', 'discharge_summary', 'pdf', 300, 'light|clean', 'stamp', 'lab', { pdfKinds: 'jgrey|ccitt' }],
  ['discharge', 'discharge_summary', 'g4', 300, 'copy2', 'streaks'],
  ['discharge', 'discharge_summary', 'prgb', 300, 'clean', 'hl'],
  ['lab', 'lab_result', 'jgrey', 300, 'light', 'annot'],
  ['lab', 'lab_result', 'g3', 204, 'fax', 'faxhdr'],
  ['lab', 'lab_result', 'pgrey', 400, 'clean', ''],
  ['appt', 'appointment_letter', 'jrgb420', 200, 'light', 'paper:yellow,annot'],
  ['appt', 'appointment_letter', 'tbw-none', 300, 'clean', 'rot:90'],
  ['contsheet', 'continuation_sheet', 'jrgb444', 300, 'clean', ''],
  ['contsheet', 'continuation_sheet', 'tgrey-pb', 300, 'copy2', 'edge', 'contsheet'],
];
const FACES = ['tahoma', 'timrom', 'cyrvetic', 'galatia', 'nanumgothic', 'myeongjo', 'barun', 'square', 'neohel', 'asana', 'symbola', 'damase', 'scheh', 'batang', 'dotum'];
const PAPERS = { pink: [1, 0.9, 0.9], blue: [0.88, 0.93, 1], yellow: [1, 0.97, 0.8], green: [0.9, 1, 0.9] };
const NHS_STYLES = ['spaced', 'plain', 'spaced', 'plain', 'dashed'], DOB_STYLES = ['dmy/', 'long', 'dmy.2', 'dmon', 'dmon ', 'dmy/', 'ordinal', 'dmy-', 'DMONY'];
const ANNOTS = ['Urgent - book 2/52', 'seen - file', '? 2WW', 'Triage: routine', 'Pls chase bloods', 'OK to list - DF', 'scanned', 'Book with Cons'];
function build(idx, spec) {
  const [tplFull, docType, fmt, dpi, presetStr, extraStr, attach, o] = spec; const opts = o || {}; const [tpl, system] = tplFull.split(':');
  const file = 'doc' + String(idx + 1).padStart(2, '0'); const rng = new Rng('ocr20:' + file);
  const extras = new Set((extraStr || '').split(',').filter(Boolean)); const ex = (k) => [...extras].find(e => e.startsWith(k + ':'));
  const P = C.patient(rng); const Cl = C.clinician(rng); const S = rng.pick(C.SCEN); const letterDate = C.date(rng, 2014, 2023);
  const presets = presetStr.split('|'); let face = FACES[(idx * 7 + 3) % FACES.length];
  const fx = presets.includes('typew') ? 'typewriter' : presets.includes('dotmx') ? 'dot' : null; if (fx) face = fx === 'dot' ? 'coding' : rng.pick(['coding', 'ocra', 'coding']);
  const color = presets.includes('pencil') ? [0.5, 0.5, 0.52] : null; const bodySize = fx ? 10 : rng.pick([9.5, 10, 10.5, 11]);
  const paper = ex('paper') ? PAPERS[ex('paper').split(':')[1]] : (rng.chance(0.3) ? [0.98, 0.97, 0.94] : [1, 1, 1]);
  const ctx = ids({ rng, P, C: Cl, S, letterDate, pages: [], dist: [], mx: 58, St: styles(face, bodySize, { fx, color }), nhsStyle: NHS_STYLES[idx % 5], dobStyle: DOB_STYLES[idx % 9], letterDateStyle: rng.pick(['long', 'dmy/', 'ordinal']),
    reVariant: idx % 4, lhStyle: rng.pick(['right', 'centre']), logo: rng.chance(0.6) ? rng.pick(['shield', 'circle', 'leaf', 'diamond']) : null, logoColor: rng.pick([[0.1, 0.35, 0.65], [0.15, 0.5, 0.3], [0.5, 0.1, 0.3]]),
    halftone: extras.has('halftone'), paper, urgent: rng.chance(0.5), allergy: rng.pick(C.ALLERGIES), system, twoPage: !!opts.twoPage, size: opts.size || 'A4', ccLine: rng.chance(0.4), footerText: rng.chance(0.5) ? `${Cl.practice} - Partners: ${Cl.gp} and colleagues - ${Cl.ptel}` : null, handFont: rng.pick(['seto', 'pilgi']) });
  ctx.dist.push('GP phone ' + Cl.ptel, 'GP fax ' + Cl.pfax);
  if (opts.sizes) ctx.size = opts.sizes.split('|')[0];
  T[tpl](ctx);
  if (attach) { const n0 = ctx.pages.length; ctx.size = opts.sizes ? opts.sizes.split('|')[1] : 'A4'; ctx.St = styles(FACES[(idx * 5 + 1) % FACES.length], 10); T[attach](ctx); }
  const pages = ctx.pages; const recv = C.addDays(letterDate, rng.int(2, 12)); const recvS = C.fmtDate(recv, 'DMONY');
  // per-page overlays / extras
  pages.forEach((p, pi) => {
    const textOps = p.ops.filter(op => op.t === 'text' && !op.mirror && op.st.fx !== 'hand' && op.y > 90 && op.y < p.H - 60);
    if (extras.has('stamp') && pi === 0) { p.stamp(p.W * rng.range(0.45, 0.62), rng.range(60, 140), ['RECEIVED', recvS, rng.pick(['MEDICAL RECORDS', 'OUTPATIENTS', 'BOOKING CENTRE'])], { rot: rng.range(-12, 10) }); ctx.dist.push('received stamp ' + recvS); }
    if (extras.has('annot') && pi === 0) { const t = textOps[Math.floor(textOps.length * rng.range(0.2, 0.5))]; const a = rng.pick(ANNOTS); if (t) p.hand(t.x + rng.range(20, 160), t.y + 4, a, { rot: rng.range(-8, 6), size: 14, c: rng.pick([[0.1, 0.15, 0.55], [0.6, 0.1, 0.1], [0.15, 0.15, 0.15]]) }); }
    if (extras.has('hl') && pi === 0) { const cand = textOps.filter(op => /NHS|DOB|Birth|Reason|Diagnosis|Haemoglobin/.test(op.str)); const t = cand[0] || textOps[3]; if (t) p.highlight(t.x - 2, t.y - t.st.s * 0.85, L.textWidth(t.str, t.st) + 4, t.st.s * 1.15, rng.pick([[1, 0.95, 0.2], [0.6, 1, 0.5], [1, 0.6, 0.85]])); }
    if (extras.has('bleed')) p.bleed(S.hist.concat(S.hist).join(' ').match(/.{1,85}(\s|$)/g).slice(0, 14), { f: face === 'coding' ? 'tahoma' : face, s: 10, c: [0.8, 0.8, 0.8] });
    if (extras.has('faxhdr')) { const hdr = `FROM: ${Cl.practice.toUpperCase()}  FAX: ${Cl.pfax}  ${C.fmtDate(recv, 'dmy/')} ${String(rng.int(8, 17)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}  P.${pi + 1}/${pages.length}`;
      p.ops.push({ t: 'text', x: 24, y: 16, str: hdr, st: { f: 'coding', s: 7.5, c: [0, 0, 0], mono: 0.5 } }); p.fonts.add('coding'); p.gt.unshift(hdr.replace(/\s+/g, ' ')); if (pi === 0) ctx.dist.push('fax header ' + hdr); }
  });
  // render + scan each page
  const rot = ex('rot') ? +ex('rot').split(':')[1] : 0; const outPages = [];
  const pdfKinds = opts.pdfKinds ? opts.pdfKinds.split('|') : null;
  pages.forEach((p, pi) => {
    const preset = presets[Math.min(pi, presets.length - 1)]; const prng = new Rng(`ocr20:${file}:p${pi}`); const degr = [];
    const isFax = preset === 'fax' || preset === 'faxhard'; let rdpi = isFax ? 204 : dpi; const moire = extras.has('halftone');
    let cv = L.render(p, moire ? Math.round(rdpi * 1.5) : rdpi, `${file}:p${pi}`); let img = E.fromCanvas(cv);
    if (moire) { img = E.resizeBicubic(img, Math.round(p.W * rdpi / 72), Math.round(p.H * rdpi / 72)); degr.push('halftone_letterhead_moire'); }
    const mm = rdpi / 25.4; const lid = extras.has('edge') ? [0.12, 0.12, 0.12] : [0.93, 0.93, 0.93];
    let sk = 0;
    if (preset === 'clean') sk = prng.range(-0.35, 0.35); else if (preset === 'light' || preset === 'typew' || preset === 'dotmx' || preset === 'pencil') sk = prng.range(-1.4, 1.4); else sk = prng.range(-3, 3) * (prng.chance(0.5) ? 1 : 0.6);
    if (extras.has('coffee') && pi === 0) { E.coffee(img, rdpi, prng); degr.push('coffee_stain'); }
    if (extras.has('fold')) { E.bookFold(img, prng.pick([0.03, 0.5, 0.97]), 25 * mm, 0.45); degr.push('book_fold_shadow'); }
    if (preset === 'copy' || preset === 'copy2') { const g2 = preset === 'copy2'; E.tonerLoss(img, g2 ? 0.55 : 0.35, prng); E.levels(img, g2 ? 0.18 : 0.08, g2 ? 0.88 : 0.95, g2 ? 1.5 : 1.2); E.streaks(img, g2 ? 5 : 2, prng); E.speckle(img, g2 ? 0.0012 : 0.0004, prng); degr.push(g2 ? 'photocopy_2nd_generation' : 'photocopy', 'toner_loss', 'streaks', 'darkening'); }
    if (extras.has('streaks')) { E.streaks(img, 3, prng); degr.push('drum_streaks'); }
    if (preset === 'pencil') { E.contrastLow(img, 0.3); degr.push('low_contrast_pencil_grey_print'); }
    if (preset === 'typew') degr.push('typewriter_font_strike_jitter'); if (preset === 'dotmx') degr.push('dot_matrix_print');
    if (extras.has('lighting')) { E.lighting(img, prng, 0.25); degr.push('uneven_lighting'); }
    if (extras.has('bleed')) degr.push('bleed_through');
    if (ctx.paper[2] < 0.95 || ctx.paper[0] < 0.95) degr.push('coloured_paper');
    E.skew(img, sk, lid); degr.push(`skew_${sk.toFixed(2)}deg`);
    if (extras.has('punch') && pi === 0) { E.punchHoles(img, rdpi, 'left', lid); degr.push('punch_holes'); }
    if (extras.has('staple') && pi === 0) { E.staple(img, rdpi, prng); degr.push('staple'); }
    if (extras.has('edge')) { E.edgeShadow(img, prng.pick(['left', 'right', 'top']), 14 * mm, 0.6); degr.push('edge_shadow'); }
    const bsig = preset === 'clean' ? 0.45 : preset === 'copy2' || preset === 'pencil' ? 0.95 : 0.65; E.blur(img, bsig * rdpi / 300);
    E.noise(img, preset === 'clean' ? 0.012 : preset === 'copy2' ? 0.05 : 0.025, prng);
    let dpiY = rdpi;
    if (isFax) { E.faxBanding(img, prng); img = E.nearestRows(img, 204 / 98); dpiY = 98; degr.push('fax', 'fax_banding', 'fax_200x100_stretch', 'fax_header_line'); if (preset === 'faxhard') { E.speckle(img, 0.002, prng); E.tonerLoss(img, 0.3, prng, 30); degr.push('fax_dropouts'); } }
    if (rot && !(extras.has('rotatepdf'))) { E.rot90(img, rot / 90); degr.push(`rotated_${rot}`); }
    let pdfRotate = 0; if (extras.has('rotatepdf') && pi === 0) { E.rot90(img, 3); pdfRotate = 90; degr.push('pdf_rotate_entry_90_image_stored_270'); }
    if (p.overlays.length) p.overlays.forEach(ov => degr.push(ov.type));
    let diff = 'moderate'; if (preset === 'clean' && !p.overlays.length && !extras.has('bleed')) diff = 'clean'; if (['copy2', 'faxhard', 'pencil'].includes(preset) || (preset === 'fax' && extras.has('streaks')) || (preset === 'copy' && (rot || extras.has('bleed'))) || (preset === 'dotmx' && rot)) diff = 'hard';
    outPages.push({ img, dpi: rdpi, dpiY, degr, diff, rot: extras.has('rotatepdf') ? 0 : rot, skew: +sk.toFixed(2), page: p, pdfRotate, sizePt: [p.W, p.H] });
  });
  // encode
  let buf, ext, fmtDesc; const q = opts.lowq ? 40 : 40 + (idx * 13) % 46; const bwThr = (pg) => pg.diff === 'hard' ? 0.5 : 0.55;
  const bil = (pg) => E.toBilevel(pg.img, bwThr(pg), new Rng(file + 'thr'), pg.diff === 'hard' ? 0.04 : 0.015);
  if (fmt.startsWith('g') || fmt.startsWith('t')) { const le = !(fmt.endsWith('be') || idx % 3 === 0);
    const comp = { g4: 'g4', g4be: 'g4', g3: 'g3', 'tgrey-lzw': 'lzw', 'tgrey-pb': 'packbits', 'tgrey-defl': 'deflate', 'trgb-none': 'none', 'trgb-lzw': 'lzw', 'tbw-pb': 'packbits', 'tbw-none': 'none' }[fmt];
    const kind = fmt.startsWith('g') || fmt.startsWith('tbw') ? 'bilevel' : fmt.startsWith('trgb') ? 'rgb' : 'grey';
    buf = writeTIFF(outPages.map(pg => ({ w: pg.img.w, h: pg.img.h, kind, data: kind === 'bilevel' ? bil(pg) : kind === 'rgb' ? E.toRGB(pg.img) : E.toGrey(pg.img), compression: comp, rowsPerStrip: kind === 'bilevel' ? 128 : 32, xdpi: pg.dpi, ydpi: pg.dpiY })), { littleEndian: le });
    ext = 'tif'; fmtDesc = `TIFF ${kind} ${comp === 'g4' ? 'CCITT G4 (T.6)' : comp === 'g3' ? 'CCITT G3 1-D (T.4 MH)' : comp} ${le ? 'little-endian (II)' : 'big-endian (MM)'}${outPages.length > 1 ? ' multi-page' : ''}`; }
  else if (fmt.startsWith('j')) { const pg = outPages[0]; const grey = fmt === 'jgrey'; buf = encodeJPEG({ w: pg.img.w, h: pg.img.h, channels: grey ? 1 : 3, data: grey ? E.toGrey(pg.img) : E.toRGB(pg.img) }, { quality: q, subsample: fmt === 'jrgb420' ? '420' : '444', dpi: pg.dpi }); ext = 'jpg'; fmtDesc = `JPEG baseline ${grey ? 'greyscale' : 'YCbCr ' + (fmt === 'jrgb420' ? '4:2:0' : '4:4:4')} quality ${q}`; pg.degr.push('jpeg_q' + q); }
  else if (fmt.startsWith('p') && fmt !== 'pdf') { const pg = outPages[0]; const grey = fmt === 'pgrey'; buf = encodePNG({ w: pg.img.w, h: pg.img.h, channels: grey ? 1 : 3, data: grey ? E.toGrey(pg.img) : E.toRGB(pg.img) }, { dpi: pg.dpi, palette: fmt === 'ppal' }); ext = 'png'; fmtDesc = `PNG ${fmt === 'ppal' ? 'palette (8-bit indexed)' : grey ? 'greyscale 8-bit' : 'RGB 8-bit'} with pHYs`; }
  else { const kinds = []; buf = writePDF(outPages.map((pg, pi) => { const kd = pdfKinds ? pdfKinds[Math.min(pi, pdfKinds.length - 1)] : 'jgrey'; kinds.push(kd); let im;
      if (kd === 'ccitt') { const b = bil(pg); const rows = []; for (let y = 0; y < pg.img.h; y++) rows.push(b.subarray(y * pg.img.w, (y + 1) * pg.img.w)); im = { w: pg.img.w, h: pg.img.h, cs: 'DeviceGray', bpc: 1, filter: 'CCITT', data: encodeG4(rows, pg.img.w) }; }
      else if (kd === 'flate') im = { w: pg.img.w, h: pg.img.h, cs: 'DeviceGray', bpc: 8, filter: 'Flate', data: require('zlib').deflateSync(Buffer.from(E.toGrey(pg.img)), { level: 9 }) };
      else { const grey = kd === 'jgrey'; im = { w: pg.img.w, h: pg.img.h, cs: grey ? 'DeviceGray' : 'DeviceRGB', bpc: 8, filter: 'DCT', data: encodeJPEG({ w: pg.img.w, h: pg.img.h, channels: grey ? 1 : 3, data: grey ? E.toGrey(pg.img) : E.toRGB(pg.img) }, { quality: q, subsample: kd === 'jrgb420' ? '420' : '444', dpi: pg.dpi }) }; pg.degr.push('jpeg_q' + q); }
      const [wp, hp] = pg.pdfRotate ? [pg.sizePt[1], pg.sizePt[0]] : pg.sizePt; return { wPt: wp, hPt: hp, rotate: pg.pdfRotate, img: im }; }));
    ext = 'pdf'; fmtDesc = `PDF image-only (${kinds.map(k => ({ ccitt: 'CCITTFaxDecode G4', flate: 'FlateDecode grey', jgrey: 'DCTDecode grey', jrgb444: 'DCTDecode RGB 4:4:4', jrgb420: 'DCTDecode RGB 4:2:0' }[k])).join(', ')})`; }
  const fname = `${file}.${ext}`; fs.writeFileSync(path.join(OUT, fname), buf);
  const gt = pages.map(p => p.gt.join('\n')).join('\n\f\n') + '\n'; fs.writeFileSync(path.join(OUT, `${file}.gt.txt`), gt);
  const fonts = new Set(); pages.forEach(p => p.fonts.forEach(f => fonts.add(L.FONT_FILES[f][1])));
  return { file: fname, ground_truth: `${file}.gt.txt`, document_type: docType, kind: tpl === 'system' ? `gp_system_export_${system.toLowerCase()}` : { dictated: ctx.twoPage ? 'dictated_letter_two_page_header_first' : 'dictated_letter', ers: 'ers_export', proforma: 'tick_box_proforma', soap: 'soap_notes', terse: 'terse_note', demog: 'demographics_box_beside_address', slipLetter: 'compliments_slip_plus_letter', clinic: 'clinic_letter', discharge: 'discharge_summary', lab: 'lab_report', appt: 'appointment_letter', contsheet: 'handwritten_continuation_sheet' }[tpl] + (attach ? `+attached_${attach}` : ''),
    pages: pages.length, nhs_number: P.nhs, date_of_birth: `${P.dob.y}-${String(P.dob.m).padStart(2, '0')}-${String(P.dob.d).padStart(2, '0')}`, nhs_as_printed: ctx.nhsP, dob_as_printed: ctx.dobP,
    degradations: outPages.map(pg => pg.degr), difficulty: outPages.map(pg => pg.diff), rotation_clockwise_deg: outPages.map(pg => pg.rot), skew_deg: outPages.map(pg => pg.skew),
    format: fmtDesc, dpi: outPages.map(pg => pg.dpi), dpi_xy: outPages.map(pg => [pg.dpi, pg.dpiY]), page_sizes: pages.map(p => p.size), pdf_rotate: ext === 'pdf' ? outPages.map(pg => pg.pdfRotate) : undefined,
    fonts: [...fonts].sort(), overlay_text_not_in_gt: pages.flatMap((p, pi) => p.overlays.map(ov => ({ page: pi + 1, type: ov.type, text: ov.text }))), distractors: [...new Set(ctx.dist)],
    handwritten_lines_in_gt: tpl === 'contsheet' || attach === 'contsheet' };
}
function main() { const only = process.argv[2] ? process.argv[2].split(',').map(Number) : null; const man = [];
  PLAN.forEach((spec, i) => { if (only && !only.includes(i + 1)) return; const t = Date.now(); const m = build(i, spec); man.push(m); process.stderr.write(`${m.file} ${m.pages}p ${((Date.now() - t) / 1000).toFixed(1)}s\n`); });
  let all = man; const mf = path.join(OUT, 'manifest.jsonl');
  if (only && fs.existsSync(mf)) { const old = fs.readFileSync(mf, 'utf8').trim().split('\n').map(JSON.parse); const byBase = new Map(man.map(m => [m.ground_truth, m]));
    all = old.map(m => byBase.get(m.ground_truth) || m); for (const m of man) if (!old.some(o => o.ground_truth === m.ground_truth)) all.push(m); all.sort((a, b) => a.ground_truth < b.ground_truth ? -1 : 1); }
  fs.writeFileSync(mf, all.map(m => JSON.stringify(m)).join('\n') + '\n'); }
main();
