'use strict';
const { Page, textWidth } = require('./layout');
const C = require('./content');
const BOLD = { tahoma: 'tahomab', galatia: 'galatiab', nanumgothic: 'nanumgothicb', myeongjo: 'myeongjob', barun: 'barunb', square: 'squareb', neohel: 'neohelb' };
function styles(face, size, o = {}) { const col = o.color || [0, 0, 0]; const b = BOLD[face]; const mono = (face === 'coding' || face === 'ocra') ? (face === 'ocra' ? 0.6 : 0.5) : 0;
  const base = { f: face, s: size, c: col, fx: o.fx || null, mono };
  return { body: base, bold: b ? { ...base, f: b } : { ...base, bold: true }, small: { ...base, s: Math.max(6.5, size - 2.5) }, foot: { ...base, s: 7.5 }, head: b ? { ...base, f: b, s: size + 4 } : { ...base, s: size + 4, bold: true }, big: b ? { ...base, f: b, s: size + 2 } : { ...base, s: size + 2, bold: true } }; }
// patient identity strings in the document's chosen layout
function ids(ctx) { const P = ctx.P; ctx.nhsP = C.fmtNhs(P.nhs, ctx.nhsStyle); ctx.dobP = C.fmtDate(P.dob, ctx.dobStyle); return ctx; }
function newPage(ctx, size) { const p = new Page(size || ctx.size || 'A4', { paper: ctx.paper }); ctx.pages.push(p); return p; }
function footer(ctx, p, text, st) { p.text(p.W / 2, p.H - 28, text, st, { align: 'center' }); }
function closing(ctx, p, y, S, lead) { const r = ctx.rng; p.text(ctx.mx, y, r.pick(['Yours sincerely', 'Yours sincerely,', 'Kind regards', 'With best wishes']), S.body); y += lead;
  p.signature(ctx.mx + 5, y + 14, 85); y += 34; p.text(ctx.mx, y, ctx.C.gp, S.bold); y += lead; p.text(ctx.mx, y, r.pick(['General Practitioner', 'GP Partner', 'Salaried GP', 'GP Registrar']), S.body); return y + lead; }
function letterhead(ctx, p, S, style) { const C_ = ctx.C; let y = 52; const r = ctx.rng;
  if (style === 'centre') { if (ctx.logo) p.logo(p.W / 2 - 18, 22, 36, ctx.logo, ctx.logoColor, { halftone: ctx.halftone }); y = ctx.logo ? 76 : 50; p.text(p.W / 2, y, C_.practice, S.head, { align: 'center' }); y += 15; p.text(p.W / 2, y, C_.paddr.join(', '), S.small, { align: 'center' }); y += 12; p.text(p.W / 2, y, `Tel: ${C_.ptel}   Fax: ${C_.pfax}`, S.small, { align: 'center' }); y += 8; p.line(ctx.mx, y, p.W - ctx.mx, y, 0.8); return y + 24; }
  if (ctx.logo) p.logo(ctx.mx, 30, 40, ctx.logo, ctx.logoColor, { halftone: ctx.halftone });
  const xr = p.W - ctx.mx; p.text(xr, y, C_.practice, S.head, { align: 'right' }); y += 16; for (const l of C_.paddr) { p.text(xr, y, l, S.small, { align: 'right' }); y += 11; }
  p.text(xr, y, `Telephone: ${C_.ptel}`, S.small, { align: 'right' }); y += 11; p.text(xr, y, `Fax: ${C_.pfax}`, S.small, { align: 'right' }); y += 11; if (r.chance(0.5)) { p.text(xr, y, `Practice code: ${C_.pcode}`, S.small, { align: 'right' }); y += 11; ctx.dist.push('practice code ' + C_.pcode); }
  return y + 16; }
function reBlock(ctx, p, y, S, lead, variant) { const P = ctx.P; const mx = ctx.mx;
  if (variant === 0) { p.text(mx, y, `Re: ${P.name}`, S.bold); y += lead; p.text(mx, y, `DOB: ${ctx.dobP}    NHS No: ${ctx.nhsP}`, S.bold); y += lead; p.text(mx, y, P.addr.join(', '), S.body); y += lead; }
  else if (variant === 1) { p.text(mx, y, `RE: ${P.first.toUpperCase()} ${P.last.toUpperCase()} - D.O.B. ${ctx.dobP} - NHS Number ${ctx.nhsP}`, S.bold); y += lead; }
  else if (variant === 2) { p.row(y, [{ x: mx, str: 'Patient:', st: S.bold }, { x: mx + 90, str: P.name, st: S.body }]); y += lead; p.row(y, [{ x: mx, str: 'Date of Birth:', st: S.bold }, { x: mx + 90, str: ctx.dobP, st: S.body }]); y += lead; p.row(y, [{ x: mx, str: 'NHS Number:', st: S.bold }, { x: mx + 90, str: ctx.nhsP, st: S.body }]); y += lead; p.row(y, [{ x: mx, str: 'Hospital No:', st: S.bold }, { x: mx + 90, str: P.hosp, st: S.body }]); y += lead; ctx.dist.push('hospital number ' + P.hosp); }
  else { p.text(mx, y, `${P.name} (${ctx.dobP})`, S.bold); y += lead; p.text(mx, y, `NHS No. ${ctx.nhsP}  Tel: ${P.phone}`, S.body); y += lead; ctx.dist.push('patient phone ' + P.phone); }
  return y + lead * 0.5; }
function body(ctx, p, y, S, lead, width) { const Sx = ctx.S; const mx = ctx.mx; for (const h of Sx.hist) { y = p.para(mx, y, width, h, S.body, lead); y += lead * 0.6; }
  y = p.para(mx, y, width, 'On examination: ' + Sx.exam, S.body, lead); y += lead * 0.6; y = p.para(mx, y, width, Sx.q, S.body, lead); return y + lead * 0.6; }
function medsBlock(ctx, p, y, S, lead) { p.text(ctx.mx, y, 'Current medication:', S.bold); y += lead; for (const m of ctx.S.meds) { p.text(ctx.mx + 12, y, m, S.body); y += lead; } p.text(ctx.mx, y, 'Allergies: ' + ctx.allergy, S.body); return y + lead * 1.4; }
// ----------------------------------------------------------------------------- referral layouts
const T = {};
T.dictated = (ctx) => { const r = ctx.rng; const p = newPage(ctx); const S = ctx.St; const lead = S.body.s * 1.38; const W = p.W - 2 * ctx.mx;
  let y = letterhead(ctx, p, S, ctx.lhStyle || 'right');
  p.text(ctx.mx, y, C.fmtDate(ctx.letterDate, ctx.letterDateStyle), S.body); ctx.dist.push('letter date ' + C.fmtDate(ctx.letterDate, ctx.letterDateStyle)); y += lead * 1.6;
  for (const l of [ctx.C.consultant, ctx.S.spec + ' Department', ctx.C.hospital]) { p.text(ctx.mx, y, l, S.body); y += lead; } y += lead;
  p.text(ctx.mx, y, `Dear ${r.pick([ctx.C.consultant.split(' ').slice(0, 1).join(' ') + ' ' + ctx.C.consultant.split(' ').pop(), 'Colleague', 'Doctor'])},`, S.body); y += lead * 1.5;
  y = reBlock(ctx, p, y, S, lead, ctx.reVariant); let q = p;
  if (ctx.twoPage) { q = newPage(ctx); y = 60; q.text(ctx.mx, y, `${ctx.P.name} - NHS No ${ctx.nhsP} - continued`, S.small); y += lead * 2; }
  y = body(ctx, q, y, S, lead, W); y = medsBlock(ctx, q, y, S, lead); closing(ctx, q, y, S, lead);
  if (ctx.ccLine) q.text(ctx.mx, q.H - 60, `cc: ${ctx.P.name}, ${ctx.P.addr.join(', ')}`, S.small);
  if (ctx.footerText) footer(ctx, q, ctx.footerText, S.foot); };
T.ers = (ctx) => { const p = newPage(ctx); const S = ctx.St; const P = ctx.P; const lead = S.body.s * 1.35; const mx = ctx.mx; const W = p.W - 2 * mx;
  p.rect(mx, 34, W, 26, { fill: [0.86, 0.88, 0.92], stroke: [0.3, 0.3, 0.4] }); p.text(mx + 8, 52, 'NHS e-Referral Service - Referral Letter', S.head); p.nhsLogo(p.W - mx - 50, 38, 18);
  let y = 84; const rows = [['UBRN', P.ubrn], ['Priority', ctx.urgent ? 'Urgent' : 'Routine'], ['Specialty', ctx.S.spec], ['Clinic Type', ctx.S.spec + ' - General'], ['Service', `${ctx.S.spec} Outpatients - ${ctx.C.hospital}`], ['Referral created', C.fmtDate(ctx.letterDate, 'DMONY')]];
  ctx.dist.push('UBRN ' + P.ubrn);
  const table = (title, rs) => { p.text(mx, y, title, S.bold); y += 6; for (const [a, b] of rs) { p.rect(mx, y, 150, lead + 4, { lw: 0.4 }); p.rect(mx + 150, y, W - 150, lead + 4, { lw: 0.4 }); p.row(y + lead, [{ x: mx + 5, str: a, st: S.body }, { x: mx + 156, str: b, st: S.body }]); y += lead + 4; } y += lead; };
  table('Referral Details', rows);
  table('Patient Details', [['Name', `${P.last.toUpperCase()}, ${P.first} (${P.title})`], ['Date of Birth', ctx.dobP], ['NHS Number', ctx.nhsP], ['Gender', P.sex === 'F' ? 'Female' : 'Male'], ['Address', P.addr.join(', ')], ['Telephone', P.phone]]);
  table('Referrer Details', [['Referrer', ctx.C.gp], ['Practice', `${ctx.C.practice} (${ctx.C.pcode})`]]);
  p.text(mx, y, 'Clinical Information', S.bold); y += lead * 1.3; y = body(ctx, p, y, S, lead, W);
  footer(ctx, p, `Printed from e-RS by ${ctx.C.practice}. Page 1 of 1`, S.foot); };
T.proforma = (ctx) => { const r = ctx.rng; const p = newPage(ctx); const S = ctx.St; const P = ctx.P; const lead = S.body.s * 1.4; const mx = ctx.mx; const W = p.W - 2 * mx;
  p.nhsLogo(p.W - mx - 62, 30, 24, ctx.logoColor || [0, 0.37, 0.72], { halftone: ctx.halftone });
  p.text(mx, 48, ctx.urgent ? 'URGENT SUSPECTED CANCER REFERRAL' : 'GP REFERRAL FORM', S.head); p.text(mx, 64, `${ctx.S.spec} - ${ctx.C.hospital}`, S.body);
  let y = 84; const cw = W / 4; const grid = [['Surname', P.last, 'Forename', P.first], ['Date of birth', ctx.dobP, 'NHS number', ctx.nhsP], ['Hospital no', P.hosp, 'Gender', P.sex], ['Telephone', P.phone, 'Mobile', P.mobile]];
  ctx.dist.push('hospital number ' + P.hosp, 'patient phone ' + P.phone, 'mobile ' + P.mobile);
  for (const g of grid) { for (let i = 0; i < 4; i++) p.rect(mx + i * cw, y, cw, lead + 6, { lw: 0.5, fill: i % 2 ? null : [0.93, 0.93, 0.93] }); p.row(y + lead + 1, g.map((s, i) => ({ x: mx + i * cw + 4, str: s, st: i % 2 ? S.body : S.bold }))); y += lead + 6; }
  p.rect(mx, y, W, lead + 6, { lw: 0.5 }); p.row(y + lead + 1, [{ x: mx + 4, str: 'Address', st: S.bold }, { x: mx + cw + 4, str: P.addr.join(', '), st: S.body }]); y += lead + 6 + lead;
  p.text(mx, y, 'Reason for referral (tick all that apply)', S.bold); y += lead * 1.2; const opts = ['Rectal bleeding with change in bowel habit', 'Unexplained weight loss', 'Iron deficiency anaemia', 'Abdominal or rectal mass', 'Positive FIT result', 'Dysphagia', 'Other - see clinical details'];
  for (let i = 0; i < opts.length; i++) { const col = i % 2, x = mx + col * W / 2; if (col === 0 && i) y += lead + 3; p.checkbox(x, y, 8, r.chance(0.45), { printed: r.chance(0.3) }); }
  y -= (Math.ceil(opts.length / 2) - 1) * (lead + 3); // labels: write row by row (two columns per row -> one GT line per row)
  for (let i = 0; i < opts.length; i += 2) { p.row(y, [{ x: mx + 13, str: opts[i], st: S.body }, opts[i + 1] ? { x: mx + W / 2 + 13, str: opts[i + 1], st: S.body } : null]); y += lead + 3; }
  y += lead; p.text(mx, y, 'Clinical details', S.bold); y += lead * 1.2; y = body(ctx, p, y, S, lead, W); y = medsBlock(ctx, p, y, S, lead);
  p.row(y, [{ x: mx, str: `Referring GP: ${ctx.C.gp}`, st: S.body }, { x: mx + W / 2, str: `Date: ${C.fmtDate(ctx.letterDate, 'dmy/')}`, st: S.body }]); ctx.dist.push('form date ' + C.fmtDate(ctx.letterDate, 'dmy/')); y += lead;
  p.text(mx, y, `${ctx.C.practice}, Tel ${ctx.C.ptel}`, S.body); footer(ctx, p, 'Form version 4.2 - fax completed form to the booking centre within 24 hours', S.foot); };
T.system = (ctx) => { const p = newPage(ctx); const S = ctx.St; const P = ctx.P; const lead = S.body.s * 1.32; const mx = ctx.mx; const W = p.W - 2 * mx; const sys = ctx.system;
  let y = 46; const dstr = C.fmtDate(ctx.letterDate, sys === 'SystmOne' ? 'dmon ' : 'dmy/');
  if (sys === 'EMIS') { p.text(mx, y, `${ctx.C.practice}`, S.head); y += lead * 1.4; p.row(y, [{ x: mx, str: 'Name', st: S.bold }, { x: mx + W * 0.38, str: 'DOB', st: S.bold }, { x: mx + W * 0.6, str: 'NHS Number', st: S.bold }]); y += lead;
    p.row(y, [{ x: mx, str: `${P.last.toUpperCase()}, ${P.first} (${P.title})`, st: S.body }, { x: mx + W * 0.38, str: ctx.dobP, st: S.body }, { x: mx + W * 0.6, str: ctx.nhsP, st: S.body }]); y += 4; p.line(mx, y, mx + W, y, 0.5); y += lead; }
  else if (sys === 'SystmOne') { p.rect(mx, y - 12, W, 20, { fill: [0.9, 0.95, 0.9], stroke: false }); p.text(mx + 4, y + 2, `${P.first} ${P.last} - NHS No: ${ctx.nhsP} - DOB: ${ctx.dobP} - ${P.addr[2]}`, S.bold); y += lead * 2; }
  else { p.text(mx, y, 'Vision Referral Letter', S.head); y += lead * 1.4; p.text(mx, y, `Patient: ${P.name}    Born: ${ctx.dobP}    NHS no: ${ctx.nhsP}`, S.body); y += lead; p.text(mx, y, `Registered GP: ${ctx.C.gp}    Usual practice: ${ctx.C.practice}`, S.body); y += lead * 1.5; }
  p.text(mx, y, `Date: ${dstr}    Ref: ${P.hosp}`, S.body); ctx.dist.push('letter date ' + dstr, 'reference ' + P.hosp); y += lead * 1.5;
  p.text(mx, y, `Referral to: ${ctx.S.spec}, ${ctx.C.hospital}`, S.bold); y += lead * 1.4; p.text(mx, y, `Reason: ${ctx.S.title}`, S.body); y += lead * 1.4;
  p.text(mx, y, 'Active Problems', S.bold); y += lead; for (const pm of ctx.S.pmh) { const d = C.fmtDate(C.date(ctx.rng, 1995, 2014), 'dmy/'); p.row(y, [{ x: mx, str: d, st: S.body }, { x: mx + 80, str: pm, st: S.body }]); ctx.dist.push('problem date ' + d); y += lead; } y += lead * 0.5;
  p.text(mx, y, 'Repeat Medication', S.bold); y += lead; for (const m of ctx.S.meds) { const d = C.fmtDate(C.addDays(ctx.letterDate, -ctx.rng.int(10, 300)), 'dmy/'); p.row(y, [{ x: mx, str: m, st: S.body }, { x: mx + W * 0.7, str: 'Last issued ' + d, st: S.small }]); y += lead; } y += lead * 0.5;
  p.text(mx, y, 'Allergies', S.bold); y += lead; p.text(mx, y, ctx.allergy, S.body); y += lead * 1.5;
  p.text(mx, y, 'Referral Text', S.bold); y += lead; y = body(ctx, p, y, S, lead, W); p.text(mx, y, `Referring clinician: ${ctx.C.gp}`, S.body);
  footer(ctx, p, `${sys === 'EMIS' ? 'EMIS Web' : sys} - printed ${dstr} - Page 1 of 1`, S.foot); };
T.soap = (ctx) => { const p = newPage(ctx); const S = ctx.St; const P = ctx.P; const lead = S.body.s * 1.36; const mx = ctx.mx; const W = p.W - 2 * mx; const Sx = ctx.S;
  let y = letterhead(ctx, p, S, 'centre'); p.text(mx, y, `Consultation summary and referral to ${Sx.spec}`, S.big); y += lead * 1.5;
  p.row(y, [{ x: mx, str: `Patient: ${P.name}`, st: S.body }, { x: mx + W * 0.55, str: `D.O.B. ${ctx.dobP}`, st: S.body }]); y += lead; p.row(y, [{ x: mx, str: `NHS: ${ctx.nhsP}`, st: S.body }, { x: mx + W * 0.55, str: `Seen: ${C.fmtDate(ctx.letterDate, 'dmy/')}`, st: S.body }]); ctx.dist.push('consultation date ' + C.fmtDate(ctx.letterDate, 'dmy/')); y += lead * 1.6;
  const sec = (lab, txt) => { p.text(mx, y, lab, S.bold); y = p.para(mx + 24, y, W - 24, txt, S.body, lead) + lead * 0.4; };
  sec('S:', Sx.hist[0]); sec('O:', Sx.exam + ' ' + Sx.hist[1]); sec('A:', Sx.title + '.'); sec('P:', Sx.q + ' Safety netting advice given.'); y += lead; y = medsBlock(ctx, p, y, S, lead); closing(ctx, p, y, S, lead); };
T.terse = (ctx) => { const p = newPage(ctx); const S = ctx.St; const P = ctx.P; const lead = S.body.s * 1.45; const mx = ctx.mx; const W = p.W - 2 * mx;
  let y = 50; p.text(mx, y, `${ctx.C.practice}, ${ctx.C.paddr[1]}  Tel ${ctx.C.ptel}`, S.body); y += lead * 2; p.text(mx, y, C.fmtDate(ctx.letterDate, 'dmy.2'), S.body); ctx.dist.push('letter date ' + C.fmtDate(ctx.letterDate, 'dmy.2')); y += lead * 2;
  p.text(mx, y, `To: ${ctx.S.spec} OPD`, S.body); y += lead * 2; p.text(mx, y, `${P.first} ${P.last.toUpperCase()}  D.O.B. ${ctx.dobP}`, S.body); y += lead; p.text(mx, y, `NHS No ${ctx.nhsP}`, S.body); y += lead; p.text(mx, y, P.addr.join(', '), S.body); y += lead * 2;
  y = p.para(mx, y, W, `Pls see - ${ctx.S.title.toLowerCase()}. ${ctx.S.hist[1]}`, S.body, lead); y += lead; y = p.para(mx, y, W, ctx.S.q, S.body, lead); y += lead * 1.5; p.text(mx, y, `Thanks, ${ctx.C.gp}`, S.body); p.signature(mx + 150, y - 4, 70); };
T.demog = (ctx) => { const p = newPage(ctx); const S = ctx.St; const P = ctx.P; const lead = S.body.s * 1.38; const mx = ctx.mx; const W = p.W - 2 * mx;
  let y = letterhead(ctx, p, S, ctx.lhStyle || 'centre'); const y0 = y; // left: address block
  p.text(mx, y, 'Private and Confidential', S.bold); y += lead; for (const l of [P.name, ...P.addr]) { p.text(mx, y, l, S.body); y += lead; }
  // right: demographics box with Label: value pairs
  const bx = mx + W * 0.5, bw = W * 0.5; let by = y0 - 8; const pairs = [['Name:', `${P.first} ${P.last}`], ['DOB:', ctx.dobP], ['NHS No:', ctx.nhsP], ['Hosp No:', P.hosp], ['UBRN:', P.ubrn], ['Tel:', P.phone], ['Date:', C.fmtDate(ctx.letterDate, 'dmy/')]];
  ctx.dist.push('hospital number ' + P.hosp, 'UBRN ' + P.ubrn, 'patient phone ' + P.phone, 'letter date ' + C.fmtDate(ctx.letterDate, 'dmy/'));
  p.rect(bx, by, bw, pairs.length * lead + 10, { lw: 0.8 }); by += lead + 2; for (const [a, b] of pairs) { p.row(by, [{ x: bx + 6, str: a, st: S.bold }, { x: bx + 62, str: b, st: S.body }]); by += lead; }
  y = Math.max(y, by + 10) + lead; p.text(mx, y, `Dear ${ctx.C.consultant},`, S.body); y += lead * 1.5; p.text(mx, y, `Re: ${ctx.S.title}`, S.bold); y += lead * 1.5;
  if (ctx.twoPage) { const q = newPage(ctx); y = 60; q.text(mx, y, `Continued - ${P.first} ${P.last} DOB ${ctx.dobP}`, S.small); y += lead * 2; y = body(ctx, q, y, S, lead, W); y = medsBlock(ctx, q, y, S, lead); closing(ctx, q, y, S, lead); footer(ctx, q, 'Page 2 of 2', S.foot); footer(ctx, p, 'Page 1 of 2', S.foot); }
  else { y = body(ctx, p, y, S, lead, W); y = medsBlock(ctx, p, y, S, lead); closing(ctx, p, y, S, lead); } };
T.slipLetter = (ctx) => { const S = ctx.St; const p = newPage(ctx, 'DL'); const mx = 40; const lead = 13;
  if (ctx.logo) p.logo(mx, 22, 34, ctx.logo, ctx.logoColor, { halftone: ctx.halftone }); p.text(p.W - mx, 40, ctx.C.practice, S.head, { align: 'right' }); p.text(p.W - mx, 54, ctx.C.paddr.join(', '), S.small, { align: 'right' });
  p.text(p.W / 2, 120, 'With Compliments', { ...S.head, s: 22 }, { align: 'center' }); p.text(mx, 170, 'Please find enclosed referral for the above patient.', S.body); p.text(mx, 170 + lead, `Patient: ${ctx.P.name}  NHS No ${ctx.nhsP}`, S.body);
  p.text(p.W / 2, p.H - 22, `Tel ${ctx.C.ptel} - Fax ${ctx.C.pfax}`, S.foot, { align: 'center' }); ctx.size = ctx.size2 || 'A4'; T.dictated(ctx); };
// ----------------------------------------------------------------------------- other document types
function hospHeader(ctx, p, S, title) { const mx = ctx.mx; p.nhsLogo(p.W - mx - 66, 28, 26, ctx.logoColor || [0, 0.37, 0.72], { halftone: ctx.halftone }); p.text(p.W - mx, 72, ctx.C.hospital, S.big, { align: 'right' }); p.text(p.W - mx, 85, 'Kelderton Hospitals NHS Foundation Trust', S.small, { align: 'right' });
  p.text(mx, 112, title, S.head); return 136; }
T.clinic = (ctx) => { const p = newPage(ctx); const S = ctx.St; const P = ctx.P; const lead = S.body.s * 1.38; const mx = ctx.mx; const W = p.W - 2 * mx; const Sx = ctx.S;
  let y = hospHeader(ctx, p, S, `${Sx.spec} Clinic`); p.row(y, [{ x: mx, str: `Consultant: ${ctx.C.consultant}`, st: S.body }, { x: mx + W * 0.55, str: `Clinic date: ${C.fmtDate(ctx.letterDate, 'dmy/')}`, st: S.body }]); y += lead;
  p.row(y, [{ x: mx, str: `Dictated: ${C.fmtDate(C.addDays(ctx.letterDate, 1), 'dmy/')}`, st: S.body }, { x: mx + W * 0.55, str: `Typed: ${C.fmtDate(C.addDays(ctx.letterDate, 6), 'dmy/')}`, st: S.body }]); y += lead * 1.6;
  ctx.dist.push('clinic date ' + C.fmtDate(ctx.letterDate, 'dmy/'), 'dictated/typed dates');
  p.text(mx, y, ctx.C.gp, S.body); y += lead; for (const l of [ctx.C.practice, ...ctx.C.paddr]) { p.text(mx, y, l, S.body); y += lead; } y += lead;
  p.text(mx, y, `Re: ${P.name}, DOB ${ctx.dobP}, NHS ${ctx.nhsP}, Hosp No ${P.hosp}`, S.bold); ctx.dist.push('hospital number ' + P.hosp); y += lead * 1.6;
  p.text(mx, y, 'Diagnosis:', S.bold); p.text(mx + 70, y, Sx.title, S.body); y += lead; p.text(mx, y, 'Plan:', S.bold); p.text(mx + 70, y, ctx.rng.pick(['Review in 3 months', 'Investigations as below', 'Discharge to GP']), S.body); y += lead * 1.6;
  p.text(mx, y, `Dear ${ctx.C.gp},`, S.body); y += lead * 1.4; y = p.para(mx, y, W, `I saw ${P.title} ${P.last} in clinic today. ${Sx.hist[0].replace(/^[^.]*?(patient|gentleman|lady|this [a-z]+)/i, 'The patient')}`, S.body, lead); y += lead * 0.6;
  y = p.para(mx, y, W, Sx.hist[1] + ' ' + Sx.exam, S.body, lead); y += lead * 0.6; y = p.para(mx, y, W, 'I have explained the findings and we will write again with the results. I have not made any changes to the medication.', S.body, lead); y += lead;
  p.text(mx, y, 'Yours sincerely', S.body); p.signature(mx + 5, y + 22, 80); y += lead * 3.2; p.text(mx, y, ctx.C.consultant, S.bold); y += lead; p.text(mx, y, `Consultant in ${Sx.spec}`, S.body);
  footer(ctx, p, `Secretary: 01632 960${String(ctx.rng.int(100, 999))} - please quote hospital number on all correspondence`, S.foot); ctx.dist.push('secretary phone'); };
T.discharge = (ctx) => { const p = newPage(ctx); const S = ctx.St; const P = ctx.P; const lead = S.body.s * 1.35; const mx = ctx.mx; const W = p.W - 2 * mx; const Sx = ctx.S;
  let y = hospHeader(ctx, p, S, 'DISCHARGE SUMMARY'); const adm = C.addDays(ctx.letterDate, -ctx.rng.int(2, 9));
  const rows = [['Patient', P.name, 'NHS Number', ctx.nhsP], ['Date of Birth', ctx.dobP, 'Hospital No', P.hosp], ['Admitted', C.fmtDate(adm, 'dmy/'), 'Discharged', C.fmtDate(ctx.letterDate, 'dmy/')], ['Ward', ctx.rng.pick(['Ward 12', 'Beech Ward', 'AMU', 'Ward 7B']), 'Consultant', ctx.C.consultant]];
  ctx.dist.push('admission date', 'discharge date', 'hospital number ' + P.hosp); const cw = W / 4;
  for (const g of rows) { for (let i = 0; i < 4; i++) p.rect(mx + i * cw, y, cw, lead + 5, { lw: 0.5 }); p.row(y + lead, g.map((s, i) => ({ x: mx + i * cw + 4, str: s, st: i % 2 ? S.body : S.bold }))); y += lead + 5; }
  y += lead; const sec = (h, t) => { p.text(mx, y, h, S.bold); y += lead; y = p.para(mx, y, W, t, S.body, lead) + lead * 0.5; };
  sec('Presenting complaint', Sx.hist[0]); sec('Diagnosis', Sx.title); sec('Investigations', Sx.hist[1]); sec('Clinical course', 'Managed with supportive care. Observations remained stable and the patient was mobilising independently prior to discharge.');
  p.text(mx, y, 'Medications on discharge', S.bold); y += lead; p.row(y, [{ x: mx, str: 'Drug', st: S.bold }, { x: mx + W * 0.62, str: 'Status', st: S.bold }]); y += lead; for (const m of Sx.meds) { p.row(y, [{ x: mx, str: m, st: S.body }, { x: mx + W * 0.62, str: ctx.rng.pick(['Continued', 'New', 'Dose changed']), st: S.body }]); y += lead; }
  y += lead * 0.5; sec('Follow up', `Outpatient review with ${ctx.C.consultant} in 6 weeks. GP to check renal function in 1 week.`);
  footer(ctx, p, 'This summary was generated electronically and is valid without signature', S.foot); };
T.lab = (ctx) => { const p = newPage(ctx); const S = ctx.St; const P = ctx.P; const lead = S.body.s * 1.34; const mx = ctx.mx; const W = p.W - 2 * mx; const r = ctx.rng;
  let y = hospHeader(ctx, p, S, 'PATHOLOGY REPORT'); const lab = 'L' + r.int(1000000, 9999999); ctx.dist.push('lab number ' + lab, 'collection/report dates');
  p.row(y, [{ x: mx, str: `Name: ${P.last.toUpperCase()}, ${P.first}`, st: S.body }, { x: mx + W * 0.55, str: `Lab No: ${lab}`, st: S.body }]); y += lead;
  p.row(y, [{ x: mx, str: `DOB: ${ctx.dobP}`, st: S.body }, { x: mx + W * 0.55, str: `Collected: ${C.fmtDate(ctx.letterDate, 'dmy/')} 09:4${r.int(0, 9)}`, st: S.body }]); y += lead;
  p.row(y, [{ x: mx, str: `NHS No: ${ctx.nhsP}`, st: S.body }, { x: mx + W * 0.55, str: `Reported: ${C.fmtDate(C.addDays(ctx.letterDate, 1), 'dmy/')}`, st: S.body }]); y += lead;
  p.row(y, [{ x: mx, str: `Requested by: ${ctx.C.gp}`, st: S.body }, { x: mx + W * 0.55, str: `Location: ${ctx.C.practice}`, st: S.body }]); y += lead * 1.5;
  const cols = [0, 0.42, 0.58, 0.72]; const hdr = ['Test', 'Result', 'Units', 'Reference range']; p.row(y, hdr.map((h, i) => ({ x: mx + cols[i] * W, str: h, st: S.bold }))); y += 4; p.line(mx, y, mx + W, y, 0.5); y += lead;
  const tests = [['Haemoglobin', r.int(92, 160), 'g/L', '115 - 165'], ['White cell count', (r.int(35, 120) / 10).toFixed(1), 'x10^9/L', '4.0 - 11.0'], ['Platelets', r.int(140, 420), 'x10^9/L', '150 - 400'], ['MCV', r.int(72, 99), 'fL', '80 - 100'], ['Sodium', r.int(131, 145), 'mmol/L', '133 - 146'], ['Potassium', (r.int(34, 53) / 10).toFixed(1), 'mmol/L', '3.5 - 5.3'], ['Urea', (r.int(25, 110) / 10).toFixed(1), 'mmol/L', '2.5 - 7.8'], ['Creatinine', r.int(55, 140), 'umol/L', '45 - 84'], ['eGFR', r.int(38, 90), 'mL/min/1.73m2', '>90'], ['CRP', r.int(1, 60), 'mg/L', '0 - 5'], ['Ferritin', r.int(6, 200), 'ug/L', '13 - 150'], ['HbA1c', r.int(36, 78), 'mmol/mol', '20 - 41']];
  for (const t of tests) { p.row(y, t.map((s, i) => ({ x: mx + cols[i] * W, str: String(s), st: S.body }))); y += lead; }
  y += lead; p.text(mx, y, 'Comment:', S.bold); y += lead; y = p.para(mx, y, W, 'Results checked and authorised. Please interpret in the light of clinical findings. Repeat sample recommended if unexpected.', S.body, lead);
  footer(ctx, p, `Authorised by: Biomedical Scientist ${r.int(10, 99)} - Page 1 of 1`, S.foot); };
T.appt = (ctx) => { const p = newPage(ctx); const S = ctx.St; const P = ctx.P; const lead = S.body.s * 1.4; const mx = ctx.mx; const W = p.W - 2 * mx; const r = ctx.rng;
  let y = hospHeader(ctx, p, S, 'Outpatient Appointment'); for (const l of [P.name, ...P.addr]) { p.text(mx, y, l, S.body); y += lead; } y += lead;
  p.text(mx, y, `Date of letter: ${C.fmtDate(ctx.letterDate, 'long')}`, S.body); y += lead; p.text(mx, y, `NHS Number: ${ctx.nhsP}   Date of birth: ${ctx.dobP}   Hospital number: ${P.hosp}`, S.body); y += lead * 1.6;
  const ap = C.addDays(ctx.letterDate, r.int(14, 60)); const apS = C.fmtDate(ap, 'ordinal'); ctx.dist.push('appointment date ' + apS, 'letter date', 'hospital number ' + P.hosp);
  p.text(mx, y, `Dear ${P.title} ${P.last},`, S.body); y += lead * 1.5; y = p.para(mx, y, W, `An appointment has been made for you to attend the ${ctx.S.spec} clinic of ${ctx.C.consultant}. Please bring a list of your current medication.`, S.body, lead); y += lead;
  const rows = [['Date:', apS], ['Time:', `${r.int(9, 15)}:${r.pick(['00', '15', '30', '45'])}`], ['Location:', `Outpatients ${r.pick(['A', 'B', 'C'])}, Level ${r.int(1, 3)}, ${ctx.C.hospital}`], ['Clinic code:', ctx.S.spec.slice(0, 3).toUpperCase() + r.int(10, 99)]];
  for (const [a, b] of rows) { p.row(y, [{ x: mx + 20, str: a, st: S.bold }, { x: mx + 110, str: b, st: S.body }]); y += lead; } y += lead;
  y = p.para(mx, y, W, 'If you are unable to attend please telephone the booking office on 01632 960' + r.int(100, 999) + ' so that we can offer the appointment to another patient.', S.body, lead);
  footer(ctx, p, 'Patient Access Centre - this letter was produced automatically', S.foot); };
T.contsheet = (ctx) => { const p = newPage(ctx); const S = ctx.St; const P = ctx.P; const mx = ctx.mx; const W = p.W - 2 * mx; const r = ctx.rng;
  p.text(mx, 44, 'CONTINUATION SHEET', S.head); p.text(p.W - mx, 44, ctx.C.hospital, S.small, { align: 'right' });
  p.rect(mx, 54, W, 50, { lw: 0.7 }); p.row(70, [{ x: mx + 6, str: `Surname: ${P.last.toUpperCase()}`, st: S.body }, { x: mx + W / 2, str: `Forename: ${P.first}`, st: S.body }]);
  p.row(84, [{ x: mx + 6, str: `D.O.B: ${ctx.dobP}`, st: S.body }, { x: mx + W / 2, str: `NHS No: ${ctx.nhsP}`, st: S.body }]); p.row(98, [{ x: mx + 6, str: `Hosp No: ${P.hosp}`, st: S.body }, { x: mx + W / 2, str: `Ward/Clinic: ${ctx.S.spec}`, st: S.body }]);
  ctx.dist.push('hospital number ' + P.hosp); let y = 130; const lh = 24; for (let yy = y; yy < p.H - 50; yy += lh) p.line(mx, yy + 4, p.W - mx, yy + 4, 0.35, [0.55, 0.7, 0.85]);
  p.line(mx + 70, 110, mx + 70, p.H - 50, 0.4, [0.85, 0.4, 0.4]);
  const entries = [[C.fmtDate(ctx.letterDate, 'dmy/'), `Seen in clinic. ${ctx.S.title}.`], ['', ctx.S.exam], ['', ctx.S.q.replace(/^I /, 'We ')], [C.fmtDate(C.addDays(ctx.letterDate, 21), 'dmy/'), 'Results reviewed, discussed with patient by phone.'], ['', 'Plan: ' + r.pick(['review 6/52', 'refer on to MDT', 'discharge to GP'])]];
  ctx.dist.push('entry dates');
  for (const [d, t] of entries) { const words = t.split(' '); let line = ''; const lines = []; for (const w of words) { if ((line + ' ' + w).length > 52) { lines.push(line); line = w; } else line = line ? line + ' ' + w : w; } if (line) lines.push(line);
    lines.forEach((l, i) => { if (y > p.H - 70) return; if (i === 0 && d) p.handLine(mx + 4, y, d + '  ' + l, { size: 12.5, f: ctx.handFont }); else p.handLine(mx + 76, y, l, { size: 12.5, f: ctx.handFont }); y += lh; }); }
  p.signature(mx + W - 120, y + 6, 70); p.text(mx, p.H - 32, 'Form CS/01 - file in date order', S.foot); };
module.exports = { T, styles, ids };
