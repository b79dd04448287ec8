-- Why a page must be checked by a person whatever its OCR confidence (its image data
-- stops early: a cut-off or damaged file). NULL for pages flagged by confidence alone.
ALTER TABLE pages ADD COLUMN review_reason TEXT;
