-- An NHS number read from a scan with too little confidence to be stored as the patient's
-- (a misread digit can still pass the modulus 11 check): held here, with nhs_number left
-- NULL, until records staff confirm it against the page or enter the right one.
ALTER TABLE documents ADD COLUMN nhs_number_to_confirm TEXT;
-- How confidently OCR read the number (held or stored), 0-100; NULL when not OCR'd.
ALTER TABLE documents ADD COLUMN nhs_number_confidence DOUBLE PRECISION;
