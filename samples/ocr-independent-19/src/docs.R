# docs.R -- the document layouts ("kinds"). Each returns a list of page builders.

A4 <- function() new_page("A4")
cont_header <- function(D, font, n, style = 1) {
  function(k) {
    pg <- new_page(D$paper[min(k, length(D$paper))])
    pg$y <- 0.75
    if (style == 1) {
      row_cells(pg, pg$y, c(0.9, pg$w - 0.85), c(paste0(pt_name(D$p, "title"), " - NHS No ", fmt_nhs(D$p$nhs, D$nhs_style2)),
                                            paste("Page", k)), font, 9, hjust = c(0, 1))
      hrule(pg, 0.9, pg$w - 0.85, pg$y + 0.08, lwd = 0.5)
    } else {
      T_(pg, 0.9, pg$y, paste0("Continued - ", pt_name(D$p, "upper")), font, 9, italic = TRUE)
    }
    pg$y <- pg$y + 0.3
    pg
  }
}
recipient <- function(D) {
  cons <- paste0(pick(c("Dr", "Mr", "Dr", "Professor")), " ", pick(LETTERS[1:20]), " ", pick(CONS_SUR))
  D$cons <- cons
  c(cons, paste("Consultant,", D$case$spec), D$tr$hosp, D$tr$addr)
}
re_block <- function(D, style, font, size) {
  p <- D$p
  switch(style,
    `1` = list(blk_para(paste0("Re: ", pt_name(p, "title"), ", DOB ", dob_p(D, D$dob_style), ", NHS No: ", nhs_p(D, D$nhs_style)),
                        bold = TRUE, size = size, after = 0.2),
               blk_lines(paste(addr_lines(p$addr), collapse = ", "), size = size, after = 0.6)),
    `2` = list(blk_lines(c(paste("Re:", pt_name(p, "upper")),
                           paste0("D.O.B. ", dob_p(D, D$dob_style), "    NHS Number: ", nhs_p(D, D$nhs_style)),
                           paste(addr_lines(p$addr), collapse = ", ")), bold = TRUE, size = size, after = 0.6)),
    `3` = list(blk_kv(list(c("Patient", pt_name(p, "sur_first")), c("Date of Birth", dob_p(D, D$dob_style)),
                           c("NHS Number", nhs_p(D, D$nhs_style)), c("Address", paste(addr_lines(p$addr), collapse = ", "))),
                      label_w = 1.35, size = size, after = 0.6, anchors = c(NA, "dob", "nhs", NA))))
}
letter_body <- function(D, size, long = FALSE) {
  c <- D$case; p <- D$p
  b <- list(
    blk_para(paste0("Thank you for seeing this ", p$age, " year old ", p$man, " with ", c$reason, ". ", c$hist[1]), size = size, justify = D$justify),
    blk_para(paste(c$hist[-1], collapse = " "), size = size, justify = D$justify),
    blk_para(paste("On examination:", c$exam), size = size, justify = D$justify),
    blk_para(c$inv, size = size, justify = D$justify))
  if (long) b <- c(b, list(
    blk_para(paste0("Past medical history includes ", paste(c$pmh, collapse = ", "), ". ", c$social), size = size, justify = D$justify),
    blk_head("Current medication", size = size),
    blk_lines(vapply(c$meds, med_str, ""), size = size),
    blk_para(paste("Allergies:", c$allergy), size = size)))
  c(b, list(blk_para(c$ask, size = size, justify = D$justify)))
}

# ---------------------------------------------------------------- dictated GP letter
k_dictated <- function(D) {
  f <- D$font; sz <- D$size
  pg <- new_page(D$paper[1]); practice_head(pg, D, D$hstyle, D$hfont)
  pg$y <- pg$y + 0.1
  T_(pg, pg$w - 0.85, pg$y + 0.15, fmt_date(D$letter_date, D$date_style), f, sz, hjust = 1); distract(D, "letter_date", fmt_date(D$letter_date, D$date_style))
  pg$y <- pg$y + 0.25
  address_block(pg, 0.9, recipient(D), f, sz)
  pg$y <- pg$y + 0.25
  blocks <- c(list(blk_lines(paste0("Dear ", sub("^(\\S+) \\S+ (.*)$", "\\1 \\2", D$cons), ","), size = sz, after = 0.5)),
              re_block(D, D$re_style, f, sz), letter_body(D, sz, long = D$npages > 1),
              list(blk_custom(function(pg) sign_off(pg, D, 0.9, f, sz, D$pr$gp, "General Practitioner",
                                                   extra = if (runif(1) < 0.5) "Dictated but not signed" else NULL), 1.3)))
  pages <- flow(D, blocks, pg, cont_header(D, f, 2), font = f, size = sz)
  for (k in seq_along(pages)) footer(pages[[k]], paste0("Page ", k, " of ", length(pages)), f, 8)
  pages
}

# ---------------------------------------------------------------- two-page letter, page 1 mostly header/address
k_twopage <- function(D) {
  f <- D$font; sz <- D$size; p <- D$p
  pg <- new_page(D$paper[1]); practice_head(pg, D, 2, D$hfont)
  pg$y <- pg$y + 0.3
  y0 <- pg$y
  address_block(pg, 0.9, recipient(D), f, sz)
  yl <- pg$y; pg$y <- y0
  x2 <- 5.0
  for (s in c(paste("Our ref:", distract(D, "our_ref", paste0(substr(D$pr$gp, 4, 4), "/", toupper(substr(p$surname, 1, 3)), "/", sample(1000:9999, 1)))),
              paste("Date:", distract(D, "letter_date", fmt_date(D$letter_date, D$date_style))),
              paste("Direct line:", distract(D, "direct_line", phone())))) { pg$y <- pg$y + sz / 72 * 1.3; T_(pg, x2, pg$y, s, f, sz - 1) }
  pg$y <- max(yl, pg$y) + 0.5
  y1 <- pg$y
  bx <- list(c("Patient", pt_name(p, "upper")), c("Date of birth", dob_p(D, D$dob_style)), c("NHS number", nhs_p(D, D$nhs_style)),
             c("Address", paste(addr_lines(p$addr), collapse = ", ")), c("Telephone", distract(D, "patient_phone", p$phone)))
  blocks <- list(blk_kv(bx, label_w = 1.3, size = sz, box = TRUE, after = 0.8, anchors = c(NA, "dob", "nhs", NA, NA)),
                 blk_lines(paste0("Dear ", sub("^(\\S+) \\S+ (.*)$", "\\1 \\2", D$cons), ","), size = sz),
                 blk_para(paste0("Referral: ", D$case$spec, " - ", D$case$reason), bold = TRUE, size = sz),
                 blk_para(paste0("I would be grateful if you could see ", p$title, " ", p$surname, ", whose details are above."), size = sz),
                 blk_break())
  body <- letter_body(D, sz, long = TRUE)
  blocks <- c(blocks, body, list(blk_custom(function(pg) sign_off(pg, D, 0.9, f, sz, D$pr$gp, "GP Partner"), 1.3)))
  pages <- flow(D, blocks, pg, cont_header(D, f, 2, style = 1), font = f, size = sz)
  footer(pages[[1]], "continued overleaf", f, 8.5, hjust = 1, y = pages[[1]]$h - 0.7)
  for (k in seq_along(pages)) footer(pages[[k]], paste("Practice code", D$pr$code, " - ", "Page", k, "of", length(pages)), "sophia", 7.5)
  pages
}

# ---------------------------------------------------------------- e-RS referral export
k_ers <- function(D) {
  f <- D$font; sz <- D$size; p <- D$p
  pg <- new_page(D$paper[1]); pg$y <- 0.45
  band(pg, 0.6, 0.5, pg$w - 1.2, 0.55, grey = 0.85)
  pg$y <- 0.82; T_(pg, 0.8, pg$y, "NHS e-Referral Service", f, 14, bold = TRUE)
  pg$y <- 1.0; T_(pg, 0.8, pg$y, "Referral Letter and Clinical Information", f, 10)
  pg$y <- 1.25
  u <- distract(D, "ubrn", ubrn())
  blocks <- list(
    blk_kv(list(c("UBRN", u), c("Priority", D$priority), c("Referral Created", distract(D, "referral_date", fmt_date(D$letter_date, "mon"))),
                c("Specialty", D$case$spec), c("Service", paste(D$tr$hosp, "-", D$case$clinic)),
                c("Referring Clinician", D$pr$gp), c("Practice", paste0(D$pr$name, " (", D$pr$code, ")"))), ncol = 1, label_w = 1.7,
           size = sz, after = 0.5),
    blk_head("Patient Details", size = sz + 1, rule = TRUE),
    blk_kv(list(c("Name", pt_name(p, "sur_first")), c("NHS Number", nhs_p(D, D$nhs_style)), c("Date of Birth", dob_p(D, D$dob_style)),
                c("Gender", p$gender), c("Address", paste(addr_lines(p$addr), collapse = ", ")), c("Telephone", distract(D, "patient_phone", p$phone)),
                c("Mobile", p$mobile), c("Registered GP", D$pr$gp)), ncol = 1, label_w = 1.7, size = sz, after = 0.5,
           anchors = c(NA, "nhs", "dob", NA, NA, NA, NA, NA)),
    blk_head("Referral Letter", size = sz + 1, rule = TRUE),
    blk_lines("Dear Colleague,", size = sz, after = 0.3))
  blocks <- c(blocks, letter_body(D, sz, long = FALSE),
              list(blk_lines(c("Regards", D$pr$gp), size = sz, after = 0.3)))
  if (D$npages >= 2) blocks <- c(blocks, list(blk_break(),
    blk_head("Clinical Information", size = sz + 1, rule = TRUE),
    blk_head("Past Medical History", size = sz),
    blk_lines(D$case$pmh, size = sz), blk_head("Medication", size = sz),
    blk_table(c("Drug", "Dose", "Directions"), lapply(D$case$meds, function(m) m), c(2.2, 1.4, 2.8), size = sz - 0.5, grid = FALSE),
    blk_head("Allergies and Sensitivities", size = sz), blk_lines(D$case$allergy, size = sz),
    blk_head("Social History", size = sz), blk_para(D$case$social, size = sz)))
  if (D$npages >= 3) blocks <- c(blocks, list(blk_break(),
    blk_head("Additional Information", size = sz + 1, rule = TRUE),
    blk_kv(list(c("Interpreter required", "No"), c("Preferred language", "English"), c("Transport required", pick(c("No", "Yes - stretcher"))),
                c("Learning disability", "No"), c("Carer details", "None recorded")), label_w = 2.2, size = sz),
    blk_head("Attachments", size = sz), blk_lines(c("Referral letter (1 page)", "Recent blood results"), size = sz),
    blk_para("This referral was sent through the NHS e-Referral Service. The referrer remains responsible for the patient until the referral has been accepted by the provider.", size = sz - 1)))
  hdr <- function(k) { q <- new_page(D$paper[min(k, length(D$paper))]); q$y <- 0.7
    row_cells(q, q$y, c(0.8, q$w - 0.8), c(paste("UBRN:", u), paste0(toupper(p$surname), ", ", p$first)), f, 9, hjust = c(0, 1))
    hrule(q, 0.8, q$w - 0.8, q$y + 0.08); q$y <- q$y + 0.2; q }
  pages <- flow(D, blocks, pg, hdr, x0 = 0.8, width = pg$w - 1.6, font = f, size = sz)
  for (k in seq_along(pages)) footer(pages[[k]], paste0("Page ", k, " of ", length(pages)), f, 8)
  pages
}

# ---------------------------------------------------------------- 2WW tick-box proforma
k_proforma <- function(D) {
  f <- D$font; sz <- D$size; p <- D$p
  pg <- new_page(D$paper[1])
  trust_head(pg, D, font = f, dept = "Cancer Services", style = 1)
  area <- switch(D$case$spec, Gastroenterology = "Lower Gastrointestinal", Dermatology = "Skin", Urology = "Urological",
                 Gynaecology = "Gynaecological", `Respiratory Medicine` = "Lung", "Lower Gastrointestinal")
  crit <- switch(area,
    `Lower Gastrointestinal` = c("Aged 40+ with unexplained weight loss and abdominal pain", "Aged 50+ with unexplained rectal bleeding",
                                 "Aged 60+ with iron deficiency anaemia", "Aged 60+ with change in bowel habit", "Positive FIT result",
                                 "Rectal or abdominal mass"),
    Skin = c("Suspected malignant melanoma (7-point checklist score 3+)", "Suspected squamous cell carcinoma",
             "Basal cell carcinoma with concerning features", "Dermoscopy suggestive of melanoma"),
    Urological = c("PSA above age-specific range", "Abnormal prostate on DRE", "Visible haematuria aged 45+",
                   "Non-visible haematuria aged 60+", "Testicular swelling or mass"),
    Gynaecological = c("Post-menopausal bleeding aged 55+", "Ascites or pelvic mass", "Abnormal cervix on examination",
                       "Vulval lump or ulceration"),
    Lung = c("Chest X-ray suggestive of lung cancer", "Aged 40+ with unexplained haemoptysis", "Persistent or recurrent chest infection",
             "Finger clubbing"))
  ticked <- rep(FALSE, length(crit)); ticked[sample.int(length(crit), sample(1:2, 1))] <- TRUE
  blocks <- list(
    blk_head(paste("Suspected Cancer Referral Form -", area), size = sz + 2.5, band = TRUE),
    blk_para("Please send within 24 hours of the decision to refer. Incomplete forms will be returned to the referrer.", size = sz - 1.5),
    blk_head("1. Patient details", size = sz),
    blk_table(NULL, list(c("Surname", toupper(p$surname), "Forename", p$first),
                         c("Date of birth", dob_p(D, D$dob_style), "NHS No", nhs_p(D, D$nhs_style)),
                         c("Hospital No", distract(D, "hospital_number", p$hosp), "Gender", p$gender),
                         c("Telephone", distract(D, "patient_phone", p$phone), "Mobile", p$mobile)),
              c(1.2, 2.0, 1.2, 2.05), size = sz, grid = TRUE),
    blk_kv(list(c("Address", paste(addr_lines(p$addr), collapse = ", "))), label_w = 1.2, size = sz),
    blk_head("2. Referral criteria (tick all that apply)", size = sz),
    blk_ticks(crit, ticked, size = sz - 0.5),
    blk_head("3. Clinical information", size = sz),
    blk_para(paste(D$case$hist, collapse = " "), size = sz - 0.5),
    blk_para(D$case$inv, size = sz - 0.5),
    blk_ticks(c("Patient informed of suspected cancer referral", "Patient available in next 14 days", "Interpreter required"),
              c(TRUE, TRUE, FALSE), size = sz - 0.5, cols = 1),
    blk_head("4. Referrer details", size = sz),
    blk_table(NULL, list(c("GP name", D$pr$gp, "Practice code", distract(D, "practice_code", D$pr$code)),
                         c("Practice", D$pr$name, "Telephone", distract(D, "practice_phone", D$pr$tel)),
                         c("Date of decision", distract(D, "decision_date", fmt_date(D$letter_date, "dmy_slash")), "Signature", "")),
              c(1.3, 2.3, 1.3, 1.55), size = sz - 0.5, grid = TRUE))
  if (D$npages >= 2) blocks <- c(blocks, list(blk_break(),
    blk_head("5. Additional information", size = sz),
    blk_kv(list(c("WHO performance status", pick(c("0", "1", "2"))), c("Anticoagulants", pick(c("None", "Apixaban", "Warfarin"))),
                c("Diabetic", pick(c("No", "Yes - diet controlled", "Yes - on insulin"))), c("Mobility", pick(c("Independent", "Uses frame", "Wheelchair"))),
                c("eGFR", paste(sample(38:89, 1), "mL/min")), c("Date of last eGFR", fmt_date(D$letter_date - sample(5:40, 1), "dmy_slash"))),
           label_w = 2.2, size = sz),
    blk_head("Current medication", size = sz),
    blk_lines(vapply(D$case$meds, med_str, ""), size = sz),
    blk_head("Past medical history", size = sz), blk_lines(D$case$pmh, size = sz),
    blk_head("For hospital use only", size = sz),
    blk_table(NULL, list(c("Date received", "", "Appointment date", ""), c("Triaged by", "", "Clinic", "")), c(1.4, 1.8, 1.5, 1.75), size = sz, grid = TRUE)))
  hdr <- function(k) { q <- new_page(D$paper[min(k, length(D$paper))]); q$y <- 0.75
    T_(q, 0.9, q$y, paste0("Suspected Cancer Referral - ", toupper(p$surname), " - NHS No ", fmt_nhs(p$nhs, D$nhs_style2)), f, 9); q$y <- q$y + 0.2; q }
  pages <- flow(D, blocks, pg, hdr, font = f, size = sz, bottom = 0.75)
  for (k in seq_along(pages)) footer(pages[[k]], paste0("Form version 4.2   Page ", k, " of ", length(pages)), f, 7.5)
  pages
}

# ---------------------------------------------------------------- SOAP note
k_soap <- function(D) {
  f <- D$font; sz <- D$size; p <- D$p
  pg <- new_page(D$paper[1]); practice_head(pg, D, D$hstyle, D$hfont)
  cd <- D$letter_date
  blocks <- list(
    blk_head("Consultation record - referral", size = sz + 2),
    blk_lines(c(paste0(pt_name(p, "sur_first"), "   DOB: ", dob_p(D, D$dob_style), "   NHS: ", nhs_p(D, D$nhs_style)),
                paste0("Seen: ", distract(D, "consultation_date", fmt_date(cd, "dmy_slash")), " ", sprintf("%02d:%02d", sample(8:17, 1), sample(0:59, 1)),
                       "   with ", D$pr$gp)), size = sz, after = 0.6))
  soap <- list(S = paste(D$case$hist, collapse = " "), O = D$case$exam, A = paste0("?", D$case$reason, ". ", D$case$inv),
               P = paste0("Refer ", D$case$spec, " (", tolower(D$priority), "). ", D$case$ask, " Safety-netted, review in 4 weeks."))
  for (k in names(soap)) blocks <- c(blocks, list(blk_custom(local({ kk <- k; function(pg) {
    lines <- wrap_words(soap[[kk]], 5.9, f, sz)
    lh <- sz / 72 * 1.3
    for (i in seq_along(lines)) {
      pg$y <- pg$y + lh
      if (i == 1) row_cells(pg, pg$y, c(0.9, 1.45), c(paste0(kk, ":"), lines[i]), f, sz, bold = c(TRUE, FALSE))
      else T_(pg, 1.45, pg$y, lines[i], f, sz)
    }
    pg$y <- pg$y + lh * 0.5 } }), sz / 72 * 1.3 * (length(wrap_words(soap[[k]], 5.9, f, sz)) + 0.6))))
  blocks <- c(blocks, list(
    blk_head("Medication", size = sz), blk_lines(vapply(D$case$meds, med_str, ""), size = sz, indent = 0.2),
    blk_lines(paste("Allergies:", D$case$allergy), size = sz),
    blk_custom(function(pg) sign_off(pg, D, 0.9, f, sz, D$pr$gp, "GP", sig = TRUE), 1.3)))
  pages <- flow(D, blocks, pg, cont_header(D, f, 2), font = f, size = sz)
  pages
}

# ---------------------------------------------------------------- GP system exports
k_emis <- function(D) {
  f <- D$font; sz <- D$size; p <- D$p
  pg <- new_page(D$paper[1]); pg$y <- 0.6
  row_cells(pg, 0.75, c(0.7, pg$w - 0.7), c(D$pr$name, paste("Tel:", distract(D, "practice_phone", D$pr$tel))), f, sz - 1, hjust = c(0, 1))
  pg$y <- 0.95
  blocks <- list(
    blk_head("Referral Letter", size = sz + 4, gap = 0.2),
    blk_kv(list(c("Patient Name", pt_name(p, "upper")), c("NHS Number", nhs_p(D, D$nhs_style)), c("Date of Birth", dob_p(D, D$dob_style)),
                c("Gender", p$gender), c("Usual GP", D$pr$gp), c("EMIS Number", distract(D, "emis_number", as.character(sample(10000:999999, 1)))),
                c("Address", paste(addr_lines(p$addr), collapse = ", ")), c("Home Tel", distract(D, "patient_phone", p$phone))),
           ncol = 2, label_w = 1.15, size = sz - 0.5, box = TRUE, after = 0.6, anchors = c(NA, "nhs", "dob", NA, NA, NA, NA, NA)),
    blk_lines(paste0("To: ", D$case$clinic, ", ", D$tr$hosp), size = sz, after = 0.2),
    blk_lines(paste0("Date: ", distract(D, "letter_date", fmt_date(D$letter_date, "dmy_slash"))), size = sz, after = 0.5),
    blk_lines("Dear Colleague", size = sz, after = 0.3))
  blocks <- c(blocks, letter_body(D, sz, FALSE), list(
    blk_head("Problems", size = sz, rule = TRUE),
    blk_table(c("Date", "Problem"), lapply(D$case$pmh, function(x) c(fmt_date(D$letter_date - sample(400:6000, 1), "mon_sp"), sub(" \\(.*", "", x))),
              c(1.3, 5.5), size = sz - 0.5, grid = FALSE),
    blk_head("Current Medication", size = sz, rule = TRUE),
    blk_table(c("Drug", "Dosage", "Quantity", "Last Issued"),
              lapply(D$case$meds, function(m) c(paste(m[1], m[2]), m[3], paste(sample(c(28, 56, 84), 1), "tablet"),
                                                fmt_date(D$letter_date - sample(3:60, 1), "dmy_slash"))),
              c(2.3, 2.0, 1.1, 1.4), size = sz - 1, grid = FALSE),
    blk_head("Allergies", size = sz, rule = TRUE), blk_lines(D$case$allergy, size = sz - 0.5),
    blk_lines(c("Yours sincerely", "", D$pr$gp), size = sz)))
  hdr <- function(k) { q <- new_page(D$paper[min(k, length(D$paper))]); q$y <- 0.7
    row_cells(q, q$y, c(0.7, q$w - 0.7), c(paste(pt_name(p, "upper"), "-", fmt_nhs(p$nhs, D$nhs_style2)), paste("Page", k)), f, 8.5, hjust = c(0, 1))
    q$y <- q$y + 0.15; q }
  pages <- flow(D, blocks, pg, hdr, x0 = 0.7, width = pg$w - 1.4, font = f, size = sz, lead = 1.22, bottom = 0.8)
  for (k in seq_along(pages)) footer(pages[[k]], paste0("Produced by EMIS Web - Page ", k, " of ", length(pages)), f, 7)
  pages
}
k_systmone <- function(D) {
  f <- D$font; sz <- D$size; p <- D$p
  pg <- new_page(D$paper[1]); pg$y <- 0.55
  blocks <- list(
    blk_head(D$pr$name, size = sz + 3, gap = 0.1),
    blk_lines(c(paste(D$pr$addr, collapse = ", "), paste0("Tel: ", distract(D, "practice_phone", D$pr$tel), "  Fax: ", D$pr$fax)), size = sz - 1),
    blk_head("Patient Details", size = sz, band = TRUE),
    blk_table(NULL, list(c("Name", pt_name(p, "title"), "NHS Number", nhs_p(D, D$nhs_style)),
                         c("Date of Birth", paste0(dob_p(D, D$dob_style), " (", p$age, " years)"), "Gender", p$gender),
                         c("Address", paste(addr_lines(p$addr)[1:2], collapse = ", "), "Telephone", distract(D, "patient_phone", p$phone)),
                         c("Postcode", p$addr[4], "Mobile", p$mobile)), c(1.2, 2.6, 1.2, 1.65), size = sz - 0.5, grid = TRUE),
    blk_head("Referral Details", size = sz, band = TRUE),
    blk_table(NULL, list(c("Referred to", paste(D$tr$hosp)), c("Specialty", D$case$spec), c("Urgency", D$priority),
                         c("Referral date", distract(D, "referral_date", fmt_date(D$letter_date, "long"))),
                         c("Referrer", paste0(D$pr$gp, " (GMC ", distract(D, "gmc", gmc()), ")"))), c(1.6, 5.05), size = sz - 0.5, grid = TRUE),
    blk_head("Reason for Referral", size = sz, band = TRUE))
  blocks <- c(blocks, letter_body(D, sz - 0.5, FALSE), list(
    blk_head("Past Medical History", size = sz, band = TRUE),
    blk_table(NULL, lapply(D$case$pmh, function(x) c(fmt_date(D$letter_date - sample(400:6000, 1), "mon_up"), x)), c(1.4, 5.25), size = sz - 0.5, grid = FALSE),
    blk_head("Repeat Templates", size = sz, band = TRUE),
    blk_table(c("Medication", "Dose", "Issued"), lapply(D$case$meds, function(m) c(paste(m[1], m[2]), m[3], fmt_date(D$letter_date - sample(3:60, 1), "mon_up"))),
              c(2.6, 2.5, 1.55), size = sz - 1, grid = FALSE),
    blk_head("Allergies & Sensitivities", size = sz, band = TRUE), blk_lines(D$case$allergy, size = sz - 0.5)))
  hdr <- function(k) { q <- new_page(D$paper[min(k, length(D$paper))]); q$y <- 0.7
    T_(q, 0.8, q$y, paste0(pt_name(p, "title"), "  NHS ", fmt_nhs(p$nhs, D$nhs_style2), "  DOB ", fmt_date(p$dob, "dmy_slash")), f, 8.5)
    q$y <- q$y + 0.15; q }
  pages <- flow(D, blocks, pg, hdr, x0 = 0.8, width = pg$w - 1.6, font = f, size = sz, lead = 1.25, bottom = 0.8)
  for (k in seq_along(pages)) footer(pages[[k]], paste0("SystmOne Referral - Page ", k, " of ", length(pages)), f, 7)
  pages
}
k_vision <- function(D) {
  f <- D$font; sz <- D$size; p <- D$p
  pg <- new_page(D$paper[1]); pg$y <- 0.6
  dash <- strrep("-", 72)
  blocks <- list(
    blk_lines(c(toupper(D$pr$name), toupper(paste(D$pr$addr, collapse = ", ")), paste("TEL", D$pr$tel)), size = sz, after = 0.2),
    blk_lines(dash, size = sz, after = 0),
    blk_lines(c("REFERRAL LETTER", dash), size = sz, bold = TRUE, after = 0.3),
    blk_lines(c(paste("SURNAME  :", toupper(p$surname)), paste("FORENAMES:", toupper(paste(p$first, p$middle))),
                paste("D.O.B.   :", dob_p(D, D$dob_style)), paste("NHS NO   :", nhs_p(D, D$nhs_style)),
                paste("ADDRESS  :", toupper(paste(addr_lines(p$addr), collapse = ", "))),
                paste("PHONE    :", distract(D, "patient_phone", p$phone)), dash), size = sz, after = 0.3),
    blk_lines(c(paste("TO       :", toupper(D$case$clinic)), paste("         ", toupper(D$tr$hosp)),
                paste("DATE     :", distract(D, "letter_date", fmt_date(D$letter_date, "mon_up"))), paste("URGENCY  :", toupper(D$priority)), dash),
              size = sz, after = 0.5),
    blk_lines("Dear Doctor,", size = sz, after = 0.2))
  blocks <- c(blocks, letter_body(D, sz, FALSE), list(
    blk_lines(c(dash, "ACTIVE PROBLEMS", dash), size = sz, after = 0),
    blk_lines(toupper(D$case$pmh), size = sz, after = 0.2),
    blk_lines(c(dash, "REPEAT MEDICATION", dash), size = sz, after = 0),
    blk_lines(toupper(vapply(D$case$meds, med_str, "")), size = sz, after = 0.3),
    blk_lines(c(paste("ALLERGIES:", toupper(D$case$allergy)), dash, D$pr$gp), size = sz)))
  hdr <- function(k) { q <- new_page(D$paper[min(k, length(D$paper))]); q$y <- 0.6
    lines_at(q, 0.8, paste0(toupper(p$surname), " ", toupper(p$first), "  ", fmt_nhs(p$nhs, D$nhs_style2), "  PAGE ", k), f, sz); q }
  pages <- flow(D, blocks, pg, hdr, x0 = 0.8, width = pg$w - 1.5, font = f, size = sz, lead = 1.18, bottom = 0.7)
  pages
}

# ---------------------------------------------------------------- terse note
k_terse <- function(D) {
  f <- D$font; sz <- D$size; p <- D$p
  pg <- new_page(D$paper[1]); pg$y <- 0.7
  blocks <- list(
    blk_lines(c(D$pr$name, paste(D$pr$addr, collapse = ", ")), size = sz, bold = FALSE, after = 0.6),
    blk_lines(paste0(distract(D, "letter_date", fmt_date(D$letter_date, D$date_style))), size = sz, after = 0.6),
    blk_lines(c(paste0("To: ", D$case$clinic, ", ", D$tr$hosp)), size = sz, after = 0.6),
    blk_lines(c(paste0("Re: ", pt_name(p, "initial"), "  ", dob_p(D, D$dob_style)), paste0("NHS ", nhs_p(D, D$nhs_style))), size = sz, bold = TRUE, after = 0.6),
    blk_para(paste0("Please see ", p$age, " y.o. ", p$man, " - ", D$case$reason, ". ", sub("\\..*$", ".", D$case$hist[1])), size = sz),
    blk_para(paste(D$case$inv), size = sz),
    blk_para(paste0("Meds: ", paste(vapply(D$case$meds, function(m) paste(m[1], m[2]), ""), collapse = ", "), ". ", D$case$allergy, "."), size = sz),
    blk_lines(c("Thanks", "", D$pr$gp), size = sz))
  flow(D, blocks, pg, cont_header(D, f, 2), font = f, size = sz)
}

# ---------------------------------------------------------------- demographics box beside the address
k_demobox <- function(D) {
  f <- D$font; sz <- D$size; p <- D$p
  pg <- new_page(D$paper[1]); practice_head(pg, D, D$hstyle, D$hfont)
  pg$y <- pg$y + 0.15; y0 <- pg$y
  address_block(pg, 0.9, recipient(D), f, sz)               # left column first (reading order)
  yl <- pg$y
  if (D$variant == 1) {
    pairs <- list(c("Name", pt_name(p, "sur_first")), c("DOB", dob_p(D, D$dob_style)), c("NHS No", nhs_p(D, D$nhs_style)),
                  c("Hosp No", distract(D, "hospital_number", p$hosp)), c("Tel", distract(D, "patient_phone", p$phone)),
                  c("Referral", distract(D, "letter_date", fmt_date(D$letter_date, "dmy_slash"))), c("Priority", D$priority))
    x <- 4.55; lw <- 0.8; lh <- (sz - 0.5) / 72 * 1.35
    pg$y <- y0
    for (k in seq_along(pairs)) {
      pg$y <- pg$y + lh
      row_cells(pg, pg$y, c(x, x + lw), c(paste0(pairs[[k]][1], ":"), pairs[[k]][2]), f, sz - 0.5, bold = c(TRUE, FALSE))
      if (k == 3) pg$anchor$nhs <- c(x + lw, pg$y, tw(pairs[[k]][2], f, sz - 0.5))
    }
    R_(pg, x - 0.1, y0 + 0.05, pg$w - 0.75 - x + 0.1, pg$y - y0 + 0.12, lwd = 0.9)
    pg$y <- max(yl, pg$y) + 0.4
    blocks <- list()
  } else {
    pg$y <- yl + 0.3
    blocks <- list(blk_kv(list(c("Surname", toupper(p$surname)), c("Forename(s)", paste(p$first, p$middle)),
                               c("Date of Birth", dob_p(D, D$dob_style)), c("NHS Number", nhs_p(D, D$nhs_style)),
                               c("Hospital No", distract(D, "hospital_number", p$hosp)), c("Telephone", distract(D, "patient_phone", p$phone))),
                          ncol = 2, label_w = 1.15, size = sz - 0.5, box = TRUE, after = 0.8))
  }
  blocks <- c(blocks, list(blk_lines(paste0("Dear ", sub("^(\\S+) \\S+ (.*)$", "\\1 \\2", D$cons), ","), size = sz, after = 0.4),
                           blk_para(paste0("Re: ", D$case$reason), bold = TRUE, size = sz)),
              letter_body(D, sz, long = D$npages > 1),
              list(blk_custom(function(pg) sign_off(pg, D, 0.9, f, sz, D$pr$gp, "General Practitioner"), 1.3)))
  pages <- flow(D, blocks, pg, cont_header(D, f, 2), font = f, size = sz)
  for (k in seq_along(pages)) footer(pages[[k]], paste0("Page ", k, " of ", length(pages)), f, 8)
  pages
}

# ---------------------------------------------------------------- typewriter letter on printed letterhead
k_typewriter <- function(D) {
  f <- "compagnon"; sz <- D$size; p <- D$p
  pg <- new_page(D$paper[1]); practice_head(pg, D, 1, D$hfont)
  adv <- tw("M", f, sz); lh <- sz / 72 * 1.5
  ty <- function(s, x = 1.0) { pg$y <- pg$y + lh; if (nzchar(s)) glyph_run(pg, x, pg$y, s, f, sz, "content", col = "#161616", jit_x = 0.004, jit_y = 0.006,
                                                                    jit_rot = 0.8, alpha_rng = c(0.72, 1), mono = TRUE, double_strike = 0.04) }
  pg$y <- pg$y + 0.2
  ty(paste0("Our ref: ", distract(D, "our_ref", paste0(toupper(substr(D$pr$gp, 4, 4)), "/", sample(100:999, 1)))), 1.0)
  ty(distract(D, "letter_date", fmt_date(D$letter_date, D$date_style)), 1.0)
  pg$y <- pg$y + lh * 0.5
  for (s in recipient(D)) ty(s)
  pg$y <- pg$y + lh
  ty(paste0("Dear ", sub("^(\\S+) \\S+ (.*)$", "\\1 \\2", D$cons), ","))
  pg$y <- pg$y + lh * 0.5
  ty(paste0("Re: ", pt_name(p, "upper"), "  DOB ", dob_p(D, D$dob_style)))
  pg$y_nhs <- pg$y + lh
  ty(paste0("    NHS No. ", nhs_p(D, D$nhs_style), "  ", paste(addr_lines(p$addr)[c(1, 3)], collapse = ", ")))
  pg$y <- pg$y + lh * 0.5
  maxc <- floor(6.2 / adv)
  wrapc <- function(s) strwrap(s, width = maxc)
  for (para_s in c(paste0("Thank you for seeing this ", p$age, " year old ", p$man, " with ", D$case$reason, ". ", paste(D$case$hist, collapse = " ")),
                   paste0("On examination, ", tolower(substr(D$case$exam, 1, 1)), substring(D$case$exam, 2)), D$case$inv, D$case$ask)) {
    for (s in wrapc(para_s)) ty(s)
    pg$y <- pg$y + lh * 0.5
  }
  ty("Yours sincerely,")
  signature(pg, 1.1, pg$y + 0.4, col = "#141414")
  pg$y <- pg$y + 0.55
  ty(D$pr$gp)
  list(pg)
}

# ---------------------------------------------------------------- dot-matrix printout on continuous stationery
k_dotmatrix <- function(D) {
  f <- "d2coding"; sz <- D$size; p <- D$p
  mk <- function(k) {
    q <- new_page(D$paper[min(k, length(D$paper))])
    for (yy in seq(0.25, q$h, by = 0.5)) { C_(q, 0.25, yy, 0.075, fill = "#d9d9d9", col = "#8a8a8a", layer = "phys")
                                            C_(q, q$w - 0.25, yy, 0.075, fill = "#d9d9d9", col = "#8a8a8a", layer = "phys") }
    L_(q, c(0.5, 0.5), c(0, q$h), lwd = 0.5, col = "#9a9a9a", layer = "phys", lty = 3)
    L_(q, c(q$w - 0.5, q$w - 0.5), c(0, q$h), lwd = 0.5, col = "#9a9a9a", layer = "phys", lty = 3)
    q$y <- 0.6; q
  }
  pg <- mk(1)
  DM <- function(q, s, x = 0.85, bold = FALSE) { q$y <- q$y + sz / 72 * 1.45; if (nzchar(s)) T_(q, x, q$y, s, f, sz, bold = bold, layer = "dots") }
  lines <- c(toupper(D$pr$name), toupper(paste(D$pr$addr, collapse = ", ")), paste("TEL:", distract(D, "practice_phone", D$pr$tel)), "",
             paste0("DATE: ", distract(D, "letter_date", fmt_date(D$letter_date, "mon_up"))), "",
             "REFERRAL TO:", toupper(D$case$clinic), toupper(D$tr$hosp), "",
             paste0("PATIENT: ", toupper(p$surname), ", ", toupper(p$first)),
             paste0("DOB: ", dob_p(D, D$dob_style), "    NHS NO: ", nhs_p(D, D$nhs_style)),
             paste0("ADDR: ", toupper(paste(addr_lines(p$addr), collapse = ", "))), "",
             "Dear Doctor,", "")
  body <- c(strwrap(paste0("Thank you for seeing this ", p$age, " year old ", p$man, " with ", D$case$reason, ". ", paste(D$case$hist, collapse = " ")), 70), "",
            strwrap(paste("O/E:", D$case$exam), 70), "", strwrap(D$case$inv, 70), "",
            "CURRENT MEDICATION:", toupper(vapply(D$case$meds, med_str, "")), "",
            "PAST HISTORY:", toupper(D$case$pmh), "", strwrap(D$case$ask, 70), "", "Yours faithfully", "", "", D$pr$gp)
  all <- c(lines, body)
  pages <- list(pg); q <- pg
  per <- floor((q$h - 1.4) / (sz / 72 * 1.45))
  if (D$npages >= 2) per <- min(per, ceiling(length(all) / 2) + 1)
  for (i in seq_along(all)) {
    if (i > 1 && (i - 1) %% per == 0) { q <- mk(length(pages) + 1); pages[[length(pages) + 1]] <- q
      DM(q, paste0("PATIENT: ", toupper(p$surname), "  NHS NO: ", fmt_nhs(p$nhs, D$nhs_style2), "  PAGE ", length(pages))); q$y <- q$y + 0.1 }
    DM(q, all[i])
  }
  pages
}

# ---------------------------------------------------------------- fax
k_fax <- function(D) {
  f <- D$font; sz <- D$size; p <- D$p
  fd <- D$letter_date
  tstamp <- paste0(fmt_date(fd, "dmy_slash_short"), " ", sprintf("%02d:%02d", sample(8:18, 1), sample(0:59, 1)))
  distract(D, "fax_timestamp", tstamp); distract(D, "fax_number", D$pr$fax)
  n <- D$npages
  fax_line <- function(k) paste0(tstamp, "  FROM: ", toupper(D$pr$name), "  ", D$pr$fax, "   TO: ", D$tr$fax, "   P.", sprintf("%02d/%02d", k, n))
  mk <- function(k) { q <- new_page(D$paper[min(k, length(D$paper))]); T_(q, 0.3, 0.25, fax_line(k), "d2coding", 8.5); q$y <- 0.6; q }
  pg <- mk(1)
  practice_head(pg, D, 1, D$hfont)
  body <- letter_body(D, sz, long = n > 1)
  blocks <- c(list(blk_head("FAX - URGENT REFERRAL", size = sz + 3),
                   blk_kv(list(c("To", paste(D$case$clinic, D$tr$hosp, sep = ", ")), c("Fax", D$tr$fax), c("From", D$pr$gp),
                               c("Pages", paste(n, "including this one"))), label_w = 0.9, size = sz, after = 0.5)),
              re_block(D, D$re_style, f, sz), body[1:2], if (n > 1) list(blk_break()), body[-(1:2)],
              list(blk_custom(function(pg) sign_off(pg, D, 0.9, f, sz, D$pr$gp, "General Practitioner"), 1.3)))
  flow(D, blocks, pg, mk, font = f, size = sz)
}

# ---------------------------------------------------------------- compliments slip + letter
k_slip <- function(D) {
  f <- D$font; sz <- D$size
  slip <- new_page("DL")
  logo(slip, D$logo_kind, 0.6, 0.35, 0.5, col = D$logo_col)
  T_(slip, 1.3, 0.62, D$pr$name, D$hfont, 14, bold = TRUE)
  T_(slip, 1.3, 0.82, paste(D$pr$addr, collapse = ", "), D$hfont, 9)
  T_(slip, 1.3, 0.98, paste("Tel", distract(D, "practice_phone", D$pr$tel)), D$hfont, 9)
  T_(slip, slip$w / 2, 1.75, "With Compliments", "essays", 24, italic = TRUE, hjust = 0.5)
  hand(slip, 1.0, 2.5, paste0("Referral for ", D$p$title, " ", D$p$surname, " enclosed"), size = 17)
  hand(slip, 1.3, 2.95, paste0("many thanks - ", substr(D$pr$gp, 1, 5), " ", sub(".* ", "", D$pr$gp)), size = 16)
  T_(slip, slip$w / 2, slip$h - 0.25, paste("Registered practice code", distract(D, "practice_code", D$pr$code)), D$hfont, 7, hjust = 0.5)
  D$paper <- D$paper[-1]; D$npages <- 1
  c(list(slip), k_dictated(D))
}

# ---------------------------------------------------------------- hospital clinic letter
k_clinic <- function(D) {
  f <- D$font; sz <- D$size; p <- D$p
  pg <- new_page(D$paper[1]); trust_head(pg, D, font = D$hfont, style = D$hstyle)
  cons <- paste0(pick(c("Dr", "Mr", "Professor")), " ", pick(LETTERS[1:20]), " ", pick(CONS_SUR)); D$cons <- cons
  cd <- D$letter_date - sample(3:20, 1)
  blocks <- list(
    blk_kv(list(c("Clinic date", distract(D, "clinic_date", fmt_date(cd, D$date_style))), c("Dictated", distract(D, "dictated_date", fmt_date(cd, D$date_style))),
                c("Typed", distract(D, "typed_date", fmt_date(D$letter_date, D$date_style))), c("Our ref", distract(D, "hospital_number", p$hosp))),
           ncol = 2, label_w = 0.95, size = sz - 1, bold_label = FALSE, after = 0.6),
    blk_lines(c(D$pr$gp, D$pr$name, D$pr$addr), size = sz, after = 0.8),
    blk_lines(paste0("Dear ", sub("^Dr (\\S) ", "Dr ", D$pr$gp), ","), size = sz, after = 0.4),
    blk_lines(c(paste0("Re: ", pt_name(p, "upper"), "   DOB: ", dob_p(D, D$dob_style)),
                paste0("NHS No: ", nhs_p(D, D$nhs_style), "   Hospital No: ", p$hosp),
                paste(addr_lines(p$addr), collapse = ", ")), size = sz, bold = TRUE, after = 0.6),
    blk_head("Diagnosis:", size = sz, gap = 0.1),
    blk_lines(paste0(1:2, ". ", c(tools::toTitleCase(D$case$reason), sub(" \\(.*", "", D$case$pmh[1]))), size = sz, indent = 0.2),
    blk_head("Plan:", size = sz, gap = 0.2),
    blk_lines(paste0(1:3, ". ", c("Further investigation as below", "Medication review by GP", "Review in clinic in 3 months")), size = sz, indent = 0.2, after = 0.6),
    blk_para(paste0("I saw ", p$title, " ", p$surname, " in the ", D$case$clinic, " today. ", D$case$hist[1]), size = sz, justify = D$justify),
    blk_para(paste("Examination today:", D$case$exam, D$case$inv), size = sz, justify = D$justify),
    blk_para(paste0("I have explained the findings and arranged further tests. I will write again with the results. ",
                    "Please continue ", paste(vapply(D$case$meds[1:2], function(m) paste(m[1], m[2]), ""), collapse = " and "), " for now."),
             size = sz, justify = D$justify),
    blk_custom(function(pg) sign_off(pg, D, 0.9, f, sz, cons, paste("Consultant,", D$case$spec), extra = c(paste("cc:", pt_name(p, "title")))), 1.5))
  pages <- flow(D, blocks, pg, cont_header(D, f, 2), font = f, size = sz)
  for (k in seq_along(pages)) footer(pages[[k]], paste0("Page ", k, " of ", length(pages), "  -  ", D$tr$name), "sophia", 7.5)
  pages
}

# ---------------------------------------------------------------- discharge summary
k_discharge <- function(D) {
  f <- D$font; sz <- D$size; p <- D$p
  pg <- new_page(D$paper[1]); trust_head(pg, D, font = D$hfont, style = D$hstyle, dept = "Medicine")
  adm <- D$letter_date - sample(4:14, 1); dis <- D$letter_date - sample(0:2, 1)
  meds <- D$case$meds
  blocks <- list(
    blk_head("INPATIENT DISCHARGE SUMMARY", size = sz + 3, band = TRUE),
    blk_kv(list(c("Name", pt_name(p, "sur_first")), c("Hospital No", distract(D, "hospital_number", p$hosp)),
                c("Date of Birth", dob_p(D, D$dob_style)), c("NHS No", nhs_p(D, D$nhs_style)),
                c("Address", paste(addr_lines(p$addr)[1:2], collapse = ", ")), c("GP", paste(D$pr$gp, D$pr$code))),
           ncol = 2, label_w = 1.05, size = sz - 0.5, box = TRUE, after = 0.6, anchors = c(NA, NA, "dob", "nhs", NA, NA)),
    blk_kv(list(c("Admitted", distract(D, "admission_date", fmt_date(adm, D$date_style))), c("Discharged", distract(D, "discharge_date", fmt_date(dis, D$date_style))),
                c("Ward", pick(c("Ward 7 (Acute Medicine)", "Beech Ward", "Ward 22", "Coronary Care Unit"))),
                c("Consultant", paste0("Dr ", pick(LETTERS[1:20]), " ", pick(CONS_SUR))),
                c("Method", pick(c("Emergency via ED", "GP referral to AMU", "Elective"))), c("Destination", "Usual residence")),
           ncol = 2, label_w = 1.05, size = sz - 0.5, after = 0.6),
    blk_head("Presenting complaint", size = sz, rule = TRUE),
    blk_para(paste0(p$age, " year old ", p$man, " admitted with ", D$case$reason, ". ", paste(D$case$hist, collapse = " ")), size = sz),
    blk_head("Diagnoses", size = sz, rule = TRUE),
    blk_lines(c(paste("Primary:", tools::toTitleCase(D$case$reason)), paste("Secondary:", paste(sub(" \\(.*", "", D$case$pmh[1:2]), collapse = "; "))), size = sz),
    blk_head("Investigations", size = sz, rule = TRUE),
    blk_para(paste(D$case$exam, D$case$inv), size = sz),
    blk_head("Clinical summary", size = sz, rule = TRUE),
    blk_para(paste0(p$He, " was treated on the ward and improved steadily. ", p$He, " was reviewed by the ", D$case$spec,
                    " team who recommended outpatient follow up. Mobility was assessed by physiotherapy before discharge."), size = sz),
    blk_head("Medication on discharge", size = sz, rule = TRUE),
    blk_table(c("Medicine", "Dose", "Frequency", "Status"), lapply(meds, function(m) c(m[1], m[2], m[3], pick(c("Unchanged", "Unchanged", "New", "Dose changed")))),
              c(2.2, 1.3, 1.9, 1.05), size = sz - 1, grid = TRUE, header_band = TRUE),
    blk_head("Follow up and actions for GP", size = sz, rule = TRUE),
    blk_lines(c(paste("1. Repeat U&E in", pick(c("1 week", "2 weeks"))), paste("2. Outpatient review in", D$case$clinic),
                "3. Medication review as above"), size = sz),
    blk_head("Allergies", size = sz, rule = TRUE), blk_lines(D$case$allergy, size = sz),
    blk_lines(c(paste("Completed by: Dr", pick(LETTERS), pick(SURN), " FY2"), paste("Bleep", sample(1000:1999, 1))), size = sz - 1))
  hdr <- function(k) { q <- new_page(D$paper[min(k, length(D$paper))]); q$y <- 0.7
    row_cells(q, q$y, c(0.9, q$w - 0.85), c(paste0("Discharge summary - ", pt_name(p, "sur_first"), " - NHS ", fmt_nhs(p$nhs, D$nhs_style2)), paste("Page", k)),
              f, 8.5, hjust = c(0, 1)); q$y <- q$y + 0.25; q }
  pages <- flow(D, blocks, pg, hdr, font = f, size = sz, bottom = 0.8)
  for (k in seq_along(pages)) footer(pages[[k]], "CONFIDENTIAL - contains patient identifiable information", "sophia", 7.5)
  pages
}

# ---------------------------------------------------------------- laboratory report
k_lab <- function(D) {
  f <- D$font; sz <- D$size; p <- D$p
  pg <- new_page(D$paper[1]); trust_head(pg, D, font = D$hfont, style = D$hstyle, dept = "Pathology (Blood Sciences)")
  coll <- D$letter_date - sample(1:4, 1)
  labno <- paste0(pick(c("B", "H", "C")), sprintf("%02d", ymd(coll)[1] %% 100), sprintf("%06d", sample.int(999999, 1)))
  tests <- LAB[sort(sample.int(length(LAB), sample(11:16, 1)))]
  blocks <- list(
    blk_head(if (D$variant == 2) "CUMULATIVE REPORT" else "LABORATORY REPORT", size = sz + 3),
    blk_kv(list(c("Patient", pt_name(p, "sur_first")), c("Lab No", distract(D, "lab_number", labno)),
                c("DOB", dob_p(D, D$dob_style)), c("Collected", distract(D, "collected", paste(fmt_date(coll, "dmy_slash"), sprintf("%02d:%02d", sample(8:12, 1), sample(0:59, 1))))),
                c("NHS No", nhs_p(D, D$nhs_style)), c("Received", distract(D, "received", fmt_date(coll + 1, "dmy_slash"))),
                c("Hosp No", distract(D, "hospital_number", p$hosp)), c("Requested by", D$pr$gp),
                c("Sex", p$gender), c("Location", D$pr$name)), ncol = 2, label_w = 1.1, size = sz - 0.5, box = TRUE, after = 0.8,
           anchors = c(NA, NA, "dob", NA, "nhs", NA, NA, NA, NA, NA)),
    blk_lines(paste("Clinical details:", D$case$reason), size = sz - 0.5, after = 0.5))
  if (D$variant == 2) {
    dts <- coll - c(0, sample(30:90, 1), sample(120:300, 1))
    rows <- lapply(tests, function(t) c(t[[1]], vapply(1:3, function(i) lab_value(t)$val, ""), t[[2]], lab_value(t)$range))
    blocks <- c(blocks, list(blk_table(c("Test", fmt_date(dts[1], "dmy_slash_short"), fmt_date(dts[2], "dmy_slash_short"), fmt_date(dts[3], "dmy_slash_short"), "Units", "Range"),
                                       rows, c(1.75, 0.85, 0.85, 0.85, 1.15, 1.0), size = sz - 1, grid = FALSE, hjust = c(0, 1, 1, 1, 0, 0))))
  } else {
    rows <- lapply(tests, function(t) { v <- lab_value(t); c(t[[1]], v$val, v$flag, t[[2]], v$range) })
    blocks <- c(blocks, list(blk_table(c("Test", "Result", "Flag", "Units", "Reference range"), rows, c(2.0, 0.9, 0.55, 1.35, 1.65),
                                       size = sz - 0.5, grid = D$npages > 1, hjust = c(0, 1, 0, 0, 0), header_band = TRUE)))
  }
  blocks <- c(blocks, list(blk_para("Results outside the reference range are flagged H (high) or L (low). Please interpret in the clinical context.", size = sz - 1.5)))
  if (D$npages >= 2) blocks <- c(blocks, list(blk_break(), blk_head("Microbiology", size = sz + 1),
    blk_kv(list(c("Specimen", "Mid-stream urine"), c("Microscopy", "WBC 10-50 /uL, RBC < 10 /uL"), c("Culture", "Mixed growth of 3 organisms"),
                c("Comment", "Suggest repeat if clinically indicated")), label_w = 1.3, size = sz),
    blk_head("Haematinics", size = sz + 1),
    blk_table(c("Test", "Result", "Units", "Range"), lapply(LAB[c(19, 21)], function(t) { v <- lab_value(t); c(t[[1]], v$val, t[[2]], v$range) }),
              c(2.2, 1.0, 1.4, 1.6), size = sz, grid = TRUE),
    blk_lines(c(paste("Authorised by:", pick(c("Dr", "Mr", "Ms")), pick(LETTERS), pick(SURN), "(Biomedical Scientist)"),
                paste("Report status: Final")), size = sz - 0.5)))
  hdr <- function(k) { q <- new_page(D$paper[min(k, length(D$paper))]); q$y <- 0.7
    T_(q, 0.9, q$y, paste0("Lab No ", labno, "  ", pt_name(p, "sur_first"), "  Page ", k), f, 8.5); q$y <- q$y + 0.2; q }
  pages <- flow(D, blocks, pg, hdr, font = f, size = sz, lead = 1.25, bottom = 0.8)
  for (k in seq_along(pages)) footer(pages[[k]], paste("UKAS accredited medical laboratory No.", sample(8000:9999, 1)), "sophia", 7)
  pages
}

# ---------------------------------------------------------------- appointment letter
k_appt <- function(D) {
  f <- D$font; sz <- D$size; p <- D$p
  pg <- new_page(D$paper[1]); trust_head(pg, D, font = D$hfont, style = D$hstyle, dept = "Outpatient Appointments")
  narrow <- pg$w < 7
  wid <- pg$w - 1.5
  ap <- D$letter_date + sample(14:50, 1)
  blocks <- list(
    blk_lines(c(pt_name(p, "title"), addr_lines(p$addr)), size = sz, after = 0.8),
    blk_lines(paste0("Date: ", distract(D, "letter_date", fmt_date(D$letter_date, D$date_style))), size = sz, after = 0.4),
    blk_kv(list(c("NHS Number", nhs_p(D, D$nhs_style)), c("Date of Birth", dob_p(D, D$dob_style)), c("Hospital Number", distract(D, "hospital_number", p$hosp))),
           label_w = 1.5, size = sz, after = 0.6, anchors = c("nhs", "dob", NA)),
    blk_head("Your outpatient appointment", size = sz + 2),
    blk_table(NULL, list(c("Date", distract(D, "appointment_date", fmt_date(ap, "long"))), c("Time", sprintf("%d:%02d %s", sample(c(9:11, 1:4), 1), sample(c(0, 15, 30, 45), 1), pick(c("am", "pm")))),
                         c("Clinic", D$case$clinic), c("Consultant", paste0(pick(c("Dr", "Mr")), " ", pick(LETTERS), " ", pick(CONS_SUR))),
                         c("Location", paste0("Outpatients ", pick(c("A", "B", "C")), ", Level ", sample(1:3, 1)))), c(1.4, wid - 1.4), size = sz, grid = TRUE),
    blk_para("Please bring this letter, a list of your current medicines and your glasses if you use them. You may be at the hospital for up to two hours.", size = sz),
    blk_para(paste0("If you cannot attend, please telephone the appointments team on ", distract(D, "appointments_phone", phone()),
                    " so that we can offer your slot to another patient."), size = sz),
    blk_lines(c("Yours sincerely", "", "Outpatient Booking Team"), size = sz))
  pages <- flow(D, blocks, pg, cont_header(D, f, 2), x0 = 0.75, width = wid, font = f, size = sz, bottom = 0.7)
  footer(pages[[1]], paste0("Ref: ", D$tr$hosp, " OPD"), "sophia", 7, y = pages[[1]]$h - 0.35)
  pages
}

# ---------------------------------------------------------------- handwritten-style continuation sheet
k_cont <- function(D) {
  p <- D$p; f <- "havana"
  mk <- function(k) {
    q <- new_page(D$paper[min(k, length(D$paper))])
    T_(q, 0.9, 0.7, D$tr$hosp, "sophia", 10, bold = TRUE)
    T_(q, 0.9, 0.95, "CONTINUATION SHEET", "sophia", 13, bold = TRUE)
    R_(q, 4.6, 0.45, 2.9, 1.0, lwd = 0.8)
    lab <- c(paste0(toupper(p$surname), ", ", p$first), paste0("DOB ", fmt_date(p$dob, D$dob_style), "  ", p$gender),
             paste0("NHS ", fmt_nhs(p$nhs, D$nhs_style)), paste0("Hosp ", p$hosp))
    for (i in seq_along(lab)) T_(q, 4.7, 0.45 + 0.2 * i, lab[i], "ocrb", 9)
    if (k == 1) { rec(D, "nhs_as_printed", fmt_nhs(p$nhs, D$nhs_style)); rec(D, "dob_as_printed", fmt_date(p$dob, D$dob_style))
                  distract(D, "hospital_number", p$hosp) }
    for (yy in seq(1.8, q$h - 0.8, by = 0.34)) L_(q, c(0.7, q$w - 0.6), c(yy, yy), lwd = 0.5, col = "#7fa6d6", layer = "logo")
    L_(q, c(1.55, 1.55), c(1.6, q$h - 0.6), lwd = 0.6, col = "#d67f7f", layer = "logo")
    T_(q, 0.75, 1.6, "Date/time", "sophia", 7, add_gt = TRUE)
    q$line_y <- 1.8 + 0.34 * 2; q
  }
  notes <- c(
    paste0(fmt_date(D$letter_date, "dmy_slash"), " ", sprintf("%02d:%02d", sample(8:20, 1), sample(0:59, 1)), " Ward round ", pick(CONS_SUR)),
    paste0("Pt comfortable overnight. ", sub("\\..*", "", D$case$reason), " - improving."),
    paste0("Obs stable, apyrexial. BP ", sample(110:150, 1), "/", sample(60:90, 1), " HR ", sample(60:100, 1)),
    "Plan: continue current treatment", paste0("Bloods tomorrow - U&E, FBC, CRP"), "Review by physio re mobility",
    paste0("Discuss with ", D$case$spec, " re outpatient f/u"), "", paste0(fmt_date(D$letter_date + 1, "dmy_slash"), " ", sprintf("%02d:%02d", sample(8:20, 1), sample(0:59, 1)), " FY1"),
    "Seen on ward. Eating and drinking well.", "Mobilising with frame, physio happy.", "For discharge tomorrow if bloods ok",
    "TTO written", "GP letter to follow")
  pages <- list(mk(1)); q <- pages[[1]]
  per <- floor((q$h - 0.8 - q$line_y) / 0.34)
  if (D$npages >= 2) per <- min(per, ceiling(length(notes) / 2))
  i <- 0
  for (s in notes) {
    if (i >= per) { q <- mk(length(pages) + 1); pages[[length(pages) + 1]] <- q; i <- 0 }
    y <- q$line_y + 0.34 * i - 0.04
    if (nzchar(s)) glyph_run(q, 1.65 + runif(1, 0, 0.1), y, s, f, D$size, "content", col = D$ink, jit_x = 0.006, jit_y = 0.012,
                             jit_rot = 4, jit_size = 0.08, alpha_rng = c(0.8, 1), slant_rot = 0, drift = 0.003)
    if (grepl("FY1|Ward round", s)) signature(q, 5.4, y - 0.05, w = 0.9, h = 0.22, col = D$ink)
    i <- i + 1
  }
  pages
}

KINDS <- list(dictated_letter = k_dictated, two_page_header_letter = k_twopage, ers_export = k_ers, tickbox_proforma = k_proforma,
              soap_note = k_soap, emis_export = k_emis, systmone_export = k_systmone, vision_export = k_vision,
              terse_note = k_terse, demographics_box = k_demobox, typewriter_letter = k_typewriter, dotmatrix_letter = k_dotmatrix,
              fax_referral = k_fax, compliments_slip_and_letter = k_slip, clinic_letter = k_clinic, discharge_summary = k_discharge,
              lab_report = k_lab, appointment_letter = k_appt, continuation_sheet = k_cont)
